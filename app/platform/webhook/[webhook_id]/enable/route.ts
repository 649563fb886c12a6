import { apiRoute } from "@/lib/api/api-route";
import { successMessage } from "@/lib/api/envelope";
import { setWebhookStatus } from "@/lib/webhooks/set-webhook-status";
import { WebhookPathSchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// PUT: enable the webhook.
export const PUT = apiRoute({ params: WebhookPathSchema }, async ({ actor, params }) => {
  await setWebhookStatus(actor, params.webhook_id, "ACTIVE");
  return successMessage("Webhook enabled");
});

export const { GET, POST, PATCH, DELETE } = unservedMethods("PUT");
