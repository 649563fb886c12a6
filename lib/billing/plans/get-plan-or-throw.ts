import "#server-only";
import type { Db, Tx } from "../../db/client";
import { lockRows } from "../../db/locks";
import { Prisma } from "../../db/sql";
import { ApiError, notFound } from "../../errors/api-error";
import { planSelect, type PlanRow } from "./plan-rows";

// plan_id is "up to 10 N" in the reference, its column a 32-bit integer: a
// well-formed id past that range cannot exist, so it is a 404 (PostgreSQL
// refuses to compare it).
const MAX_PLAN_ID = 2_147_483_647;

/** The merchant's plan version by plan_id, whatever its status, or a 404 (another merchant's plan is unknown here). */
export async function getPlanByIdOrThrow(db: Db | Tx, merchantId: bigint, planId: number): Promise<PlanRow> {
  if (planId > MAX_PLAN_ID) throw notFound("Plan");
  const row = await db.plan.findFirst({ where: { id: planId, merchantId }, select: planSelect });
  if (!row) throw notFound("Plan");
  return row;
}

/**
 * Inside a transaction: the merchant's active plan with this code, locked
 * (FOR UPDATE on PostgreSQL; SQLite's write transactions already take
 * turns) so two changes to it cannot both act on the same version. A code
 * the merchant never used is a 404; one whose versions are all archived or
 * deleted is a 409, as only an active plan may be changed.
 */
export async function lockActivePlanOrThrow(tx: Tx, merchantId: bigint, code: string, change: "updated" | "archived"): Promise<PlanRow> {
  await lockRows(tx, "Plan", Prisma.sql`"merchantId" = ${merchantId} AND "activeCode" = ${code}`);
  const row = await tx.plan.findFirst({ where: { merchantId, activeCode: code }, select: planSelect });
  if (row) return row;
  const versions = await tx.plan.count({ where: { merchantId, code } });
  if (versions === 0) throw notFound("Plan");
  throw new ApiError("conflict", `Plan ${code} has no active version: only an active plan can be ${change}`);
}
