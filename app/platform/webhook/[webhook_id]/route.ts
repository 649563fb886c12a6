import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { editWebhook } from "@/lib/webhooks/edit-webhook";
import { getWebhook } from "@/lib/webhooks/get-webhook-or-throw";
import { EditWebhookSchema, WebhookPathSchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// GET: one webhook. PUT: partial update (events, when sent, replaces the set).
export const GET = apiRoute({ params: WebhookPathSchema }, async ({ actor, params }) => success(await getWebhook(actor.merchantId, params.webhook_id)));
export const PUT = apiRoute({ params: WebhookPathSchema, body: EditWebhookSchema }, async ({ actor, params, body }) =>
  success(await editWebhook(actor, params.webhook_id, body)),
);

export const { POST, PATCH, DELETE } = unservedMethods("GET", "PUT");
