import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { writeTransaction } from "../../db/write-transaction";
import { lockActivePlanOrThrow } from "./get-plan-or-throw";
import { planSelect, planToResponse } from "./plan-rows";
import type { PlanResponse } from "./schemas";

/**
 * POST /plan/{plan_code}/archive: the active plan with this code is archived.
 * Its subscriptions go on; no new ones can join it, and its code is free for
 * a new plan.
 */
export async function archivePlan(actor: Actor, code: string): Promise<PlanResponse> {
  const row = await writeTransaction(async (tx) => {
    const current = await lockActivePlanOrThrow(tx, actor.merchantId, code, "archived");
    const archived = await tx.plan.update({ where: { id: current.id }, data: { status: "A", activeCode: null }, select: planSelect });
    await recordAudit(tx, actor, "plan.archive", { type: "plan", id: String(current.id) });
    return archived;
  });
  return planToResponse(row);
}
