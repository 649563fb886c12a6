import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { editWebhook } from "@/lib/webhooks/edit-webhook";
import { EditWebhookSchema, WebhookPathSchema } from "@/lib/webhooks/schemas";

// PATCH /portal/api/settings/webhooks/{id}: label, URL and events (the API's PUT /platform/webhook/{id}).
export const PATCH = portalRoute({ permission: "settings.write", params: WebhookPathSchema, body: EditWebhookSchema }, async ({ actor, params, body }) => {
  return success(await editWebhook(actor, params.webhook_id, body));
});
