import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { changeWebhookEvent } from "@/lib/webhooks/webhook-events";
import { WebhookEventPathSchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// POST: subscribe the webhook to one event. DELETE: unsubscribe it.
export const POST = apiRoute({ params: WebhookEventPathSchema }, async ({ actor, params }) =>
  success(await changeWebhookEvent(actor, params.webhook_id, params.event, "add")),
);
export const DELETE = apiRoute({ params: WebhookEventPathSchema }, async ({ actor, params }) =>
  success(await changeWebhookEvent(actor, params.webhook_id, params.event, "remove")),
);

export const { GET, PUT, PATCH } = unservedMethods("POST", "DELETE");
