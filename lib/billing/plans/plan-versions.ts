import "#server-only";
import { recordAuditMany, type Actor } from "../../audit/record-audit";
import type { Tx } from "../../db/client";
import { planSelect, termColumns, type PlanRow } from "./plan-rows";
import type { PlanTerms } from "./plan-terms";

/**
 * Inside the caller's transaction: archives the active plan `current` and
 * adds its next version, with the same plan_code, `terms` and a new plan_id.
 * Its subscriptions keep the version they have. The archive is conditional
 * on the row still being active, so two updates cannot both version it.
 */
export async function newPlanVersion(tx: Tx, actor: Actor, current: PlanRow, terms: PlanTerms): Promise<PlanRow> {
  const archived = await tx.plan.updateMany({ where: { id: current.id, status: "E" }, data: { status: "A", activeCode: null } });
  if (archived.count !== 1) throw new Error(`plan ${current.id} was not active when versioned`);
  const next = await tx.plan.create({
    data: { merchantId: current.merchantId, code: current.code, activeCode: current.code, previousId: current.id, ...termColumns(terms) },
    select: planSelect,
  });
  await recordAuditMany(tx, actor, [
    { action: "plan.archive", type: "plan", id: String(current.id) },
    { action: "plan.version", type: "plan", id: String(next.id) },
  ]);
  return next;
}
