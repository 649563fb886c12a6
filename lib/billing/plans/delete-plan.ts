import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { writeTransaction } from "../../db/write-transaction";
import { merchantToday } from "../merchant-today";
import { getPlanByIdOrThrow } from "./get-plan-or-throw";
import { planSelect, planToResponse } from "./plan-rows";
import { cancelPlanSubscriptions } from "./plan-subscriptions";
import type { PlanResponse } from "./schemas";

/**
 * DELETE /plan/{plan_id}/delete: marks the plan version deleted, whatever its
 * status, and cancels its subscriptions in the same transaction. The row
 * stays, so GET /plan/{plan_code} still shows it. Deleting a deleted plan
 * answers it as it is and changes nothing.
 */
export async function deletePlan(actor: Actor, planId: number): Promise<PlanResponse> {
  // The day its subscriptions are cancelled on, on the merchant's clock (read before the transaction, on its own connection).
  const today = await merchantToday(actor.merchantId);
  const row = await writeTransaction(async (tx) => {
    const current = await getPlanByIdOrThrow(tx, actor.merchantId, planId);
    // Conditional on the status, so of two deletes racing only one records it.
    const deleted = await tx.plan.updateMany({ where: { id: current.id, status: { not: "D" } }, data: { status: "D", activeCode: null } });
    if (deleted.count === 0) return current;
    await cancelPlanSubscriptions(tx, actor, current.id, today);
    await recordAudit(tx, actor, "plan.delete", { type: "plan", id: String(current.id) });
    return tx.plan.findUniqueOrThrow({ where: { id: current.id }, select: planSelect });
  });
  return planToResponse(row);
}
