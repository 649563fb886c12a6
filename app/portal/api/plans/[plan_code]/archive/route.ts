import { success } from "@/lib/api/envelope";
import { archivePlan } from "@/lib/billing/plans/archive-plan";
import { PlanCodePathSchema } from "@/lib/billing/plans/schemas";
import { portalRoute } from "@/lib/portal/portal-route";

// POST /portal/api/plans/{plan_code}/archive: as POST /platform/plan/{plan_code}/archive; its subscriptions go on.
export const POST = portalRoute({ permission: "billing.write", params: PlanCodePathSchema }, async ({ actor, params }) => {
  return success(await archivePlan(actor, params.plan_code));
});
