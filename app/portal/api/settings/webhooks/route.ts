import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { addWebhook } from "@/lib/webhooks/add-webhook";
import { AddWebhookSchema } from "@/lib/webhooks/schemas";

// POST /portal/api/settings/webhooks: the API's POST /platform/webhook, from the portal. The secret is in this answer only.
export const POST = portalRoute({ permission: "settings.write", body: AddWebhookSchema }, async ({ actor, body }) => {
  return success(await addWebhook(actor, body));
});
