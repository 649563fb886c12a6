import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { setPrimaryShippingAddress } from "@/lib/vault/set-primary-shipping-address";
import { CustomerPathSchema, ShippingIdBodySchema } from "@/lib/vault/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

export const PUT = apiRoute({ params: CustomerPathSchema, body: ShippingIdBodySchema }, async ({ actor, params, body }) =>
  success(await setPrimaryShippingAddress(actor, params.customer_id, body.shipping_id)),
);

export const { GET, POST, PATCH, DELETE } = unservedMethods("PUT");
