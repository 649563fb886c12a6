import { apiRoute } from "@/lib/api/api-route";
import { successList } from "@/lib/api/envelope";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";
import { DeliveriesQuerySchema, WebhookPathSchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// GET: the webhook's deliveries, newest first, optionally by status.
export const GET = apiRoute({ params: WebhookPathSchema, query: DeliveriesQuerySchema }, async ({ actor, params, query }) =>
  successList(await listDeliveries(actor.merchantId, params.webhook_id, query)),
);

export const { POST, PUT, PATCH, DELETE } = unservedMethods("GET");
