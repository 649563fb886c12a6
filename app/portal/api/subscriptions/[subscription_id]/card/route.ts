import { success } from "@/lib/api/envelope";
import { ChangeCardFormSchema } from "@/lib/billing/subscription-operations/form-schemas";
import { SubscriptionPathSchema } from "@/lib/billing/subscription-operations/schemas";
import { updateSubscription } from "@/lib/billing/subscription-operations/update-subscription";
import { portalRoute } from "@/lib/portal/portal-route";

// PUT /portal/api/subscriptions/{id}/card: "Change card", as PUT /platform/subscription/{id} with only card_id
// (another of the customer's cards, or "" for the customer's primary card at each charge).
export const PUT = portalRoute({ permission: "billing.write", params: SubscriptionPathSchema, body: ChangeCardFormSchema }, async ({ actor, params, body }) => {
  return success(await updateSubscription(actor, params.subscription_id, body));
});
