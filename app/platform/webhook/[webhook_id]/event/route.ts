import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { listWebhookEvents } from "@/lib/webhooks/webhook-events";
import { WebhookPathSchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// GET: the events the webhook is subscribed to.
export const GET = apiRoute({ params: WebhookPathSchema }, async ({ actor, params }) => success(await listWebhookEvents(actor.merchantId, params.webhook_id)));

export const { POST, PUT, PATCH, DELETE } = unservedMethods("GET");
