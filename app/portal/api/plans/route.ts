import { success } from "@/lib/api/envelope";
import { addPlan } from "@/lib/billing/plans/add-plan";
import { AddPlanFormSchema } from "@/lib/billing/plans/form-schemas";
import { portalRoute } from "@/lib/portal/portal-route";

// POST /portal/api/plans: the new-plan form, as POST /platform/plan (the same function and rules).
export const POST = portalRoute({ permission: "billing.write", body: AddPlanFormSchema }, async ({ actor, body }) => {
  return success(await addPlan(actor, body));
});
