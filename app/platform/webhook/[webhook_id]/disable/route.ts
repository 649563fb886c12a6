import { apiRoute } from "@/lib/api/api-route";
import { successMessage } from "@/lib/api/envelope";
import { setWebhookStatus } from "@/lib/webhooks/set-webhook-status";
import { WebhookPathSchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// PUT: disable the webhook.
export const PUT = apiRoute({ params: WebhookPathSchema }, async ({ actor, params }) => {
  await setWebhookStatus(actor, params.webhook_id, "DISABLED");
  return successMessage("Webhook disabled");
});

export const { GET, POST, PATCH, DELETE } = unservedMethods("PUT");
