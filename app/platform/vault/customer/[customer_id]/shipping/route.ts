import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { addShippingAddress } from "@/lib/vault/add-shipping-address";
import { listShippingAddresses } from "@/lib/vault/list-shipping-addresses";
import { updateShippingAddress } from "@/lib/vault/update-shipping-address";
import { AddShippingAddressSchema, CustomerPathSchema, UpdateShippingAddressSchema } from "@/lib/vault/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

export const GET = apiRoute({ params: CustomerPathSchema }, async ({ actor, params }) =>
  success(await listShippingAddresses(actor.merchantId, params.customer_id)),
);

export const POST = apiRoute({ params: CustomerPathSchema, body: AddShippingAddressSchema }, async ({ actor, params, body }) =>
  success(await addShippingAddress(actor, params.customer_id, body)),
);

export const PUT = apiRoute({ params: CustomerPathSchema, body: UpdateShippingAddressSchema }, async ({ actor, params, body }) =>
  success(await updateShippingAddress(actor, params.customer_id, body)),
);

export const { PATCH, DELETE } = unservedMethods("GET", "POST", "PUT");
