import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { WebhookPathSchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// POST: a new secret (in this answer only); the old one signs beside it for 24 hours.
export const POST = apiRoute({ params: WebhookPathSchema }, async ({ actor, params }) => success(await rotateWebhookSecret(actor, params.webhook_id)));

export const { GET, PUT, PATCH, DELETE } = unservedMethods("POST");
