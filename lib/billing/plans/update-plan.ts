import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { writeTransaction } from "../../db/write-transaction";
import { lockActivePlanOrThrow } from "./get-plan-or-throw";
import { planSelect, planToResponse, rowTerms, termColumns } from "./plan-rows";
import { planHasSubscriptions } from "./plan-subscriptions";
import { termsFromUpdate } from "./plan-terms";
import { newPlanVersion } from "./plan-versions";
import type { PlanResponse, UpdatePlanInput } from "./schemas";

/**
 * PUT /plan/{plan_code}: changes the active plan with this code. Without
 * subscriptions it is edited in place (same plan_id); with some, it is
 * archived and the answer is its new version, with a new plan_id.
 */
export async function updatePlan(actor: Actor, code: string, input: UpdatePlanInput): Promise<PlanResponse> {
  const row = await writeTransaction(async (tx) => {
    const current = await lockActivePlanOrThrow(tx, actor.merchantId, code, "updated");
    const terms = termsFromUpdate(rowTerms(current), input);
    if (await planHasSubscriptions(tx, current.id)) return newPlanVersion(tx, actor, current, terms);
    const updated = await tx.plan.update({ where: { id: current.id }, data: termColumns(terms), select: planSelect });
    await recordAudit(tx, actor, "plan.update", { type: "plan", id: String(current.id) });
    return updated;
  });
  return planToResponse(row);
}
