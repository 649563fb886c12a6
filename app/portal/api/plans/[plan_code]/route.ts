import { success } from "@/lib/api/envelope";
import { EditPlanFormSchema } from "@/lib/billing/plans/form-schemas";
import { PlanCodePathSchema } from "@/lib/billing/plans/schemas";
import { updatePlan } from "@/lib/billing/plans/update-plan";
import { portalRoute } from "@/lib/portal/portal-route";

// PUT /portal/api/plans/{plan_code}: a plan's edit form, as PUT /platform/plan/{plan_code}: a plan with
// subscriptions is archived and the answer is its new version (docs/billing.md, "Versions").
export const PUT = portalRoute({ permission: "billing.write", params: PlanCodePathSchema, body: EditPlanFormSchema }, async ({ actor, params, body }) => {
  return success(await updatePlan(actor, params.plan_code, body));
});
