import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { getDelivery } from "@/lib/webhooks/list-deliveries";
import { DeliveryPathSchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// GET: one delivery with each attempt (time, answer code, duration, error).
export const GET = apiRoute({ params: DeliveryPathSchema }, async ({ actor, params }) =>
  success(await getDelivery(actor.merchantId, params.webhook_id, params.delivery_id)),
);

export const { POST, PUT, PATCH, DELETE } = unservedMethods("GET");
