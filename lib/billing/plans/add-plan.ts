import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { isUniqueViolation } from "../../db/unique-violation";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError } from "../../errors/api-error";
import { planSelect, planToResponse, termColumns } from "./plan-rows";
import { termsFromAdd } from "./plan-terms";
import type { AddPlanInput, PlanResponse } from "./schemas";

/** POST /plan: a new active plan; its plan_code must not name another active plan of the merchant (409). */
export async function addPlan(actor: Actor, input: AddPlanInput): Promise<PlanResponse> {
  const terms = termsFromAdd(input);
  try {
    const row = await writeTransaction(async (tx) => {
      const created = await tx.plan.create({
        data: { merchantId: actor.merchantId, code: input.plan_code, activeCode: input.plan_code, ...termColumns(terms) },
        select: planSelect,
      });
      await recordAudit(tx, actor, "plan.create", { type: "plan", id: String(created.id) });
      return created;
    });
    return planToResponse(row);
  } catch (error) {
    // The unique index on the active code decides, also when two adds race.
    if (isUniqueViolation(error)) throw new ApiError("conflict", `An active plan with plan_code ${input.plan_code} already exists`);
    throw error;
  }
}
