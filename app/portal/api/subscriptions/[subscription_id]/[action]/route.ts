import { z } from "zod";
import { success } from "@/lib/api/envelope";
import { cancelSubscription } from "@/lib/billing/subscription-operations/cancel-subscription";
import { pauseSubscription } from "@/lib/billing/subscription-operations/pause-subscription";
import { resumeSubscription } from "@/lib/billing/subscription-operations/resume-subscription";
import { SubscriberBodySchema, SubscriptionPathSchema } from "@/lib/billing/subscription-operations/schemas";
import { portalRoute } from "@/lib/portal/portal-route";

const CHANGES = { pause: pauseSubscription, resume: resumeSubscription, cancel: cancelSubscription };

const ChangePathSchema = SubscriptionPathSchema.extend({ action: z.enum(["pause", "resume", "cancel"], { error: "must be pause, resume or cancel" }) });

// POST /portal/api/subscriptions/{id}/pause|resume|cancel: a subscription's page's buttons, as
// POST /platform/subscription/{id}/{action} (the same functions, the subscriber's customer_id in the body).
export const POST = portalRoute({ permission: "billing.write", params: ChangePathSchema, body: SubscriberBodySchema }, async ({ actor, params, body }) => {
  return success(await CHANGES[params.action](actor, params.subscription_id, body));
});
