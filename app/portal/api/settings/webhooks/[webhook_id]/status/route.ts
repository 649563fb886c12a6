import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { setWebhookStatus } from "@/lib/webhooks/set-webhook-status";
import { WebhookPathSchema, WebhookStatusSchema } from "@/lib/webhooks/schemas";

// POST /portal/api/settings/webhooks/{id}/status: enable (also after a suspension) or disable.
export const POST = portalRoute({ permission: "settings.write", params: WebhookPathSchema, body: WebhookStatusSchema }, async ({ actor, params, body }) => {
  await setWebhookStatus(actor, params.webhook_id, body.status);
  return success({ status: body.status });
});
