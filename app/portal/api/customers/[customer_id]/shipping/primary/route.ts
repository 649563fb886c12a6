import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { setPrimaryShippingAddress } from "@/lib/vault/set-primary-shipping-address";
import { CustomerPathSchema, ShippingIdBodySchema } from "@/lib/vault/schemas";

// PUT: make a shipping address the customer's primary one (PUT .../shipping/primary in the API).
export const PUT = portalRoute({ permission: "customers.write", params: CustomerPathSchema, body: ShippingIdBodySchema }, async ({ actor, params, body }) =>
  success(await setPrimaryShippingAddress(actor, params.customer_id, body.shipping_id)),
);
