import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { addShippingAddress } from "@/lib/vault/add-shipping-address";
import { updateShippingAddress } from "@/lib/vault/update-shipping-address";
import { AddShippingAddressSchema, CustomerPathSchema, UpdateShippingAddressSchema } from "@/lib/vault/schemas";

// POST: add a shipping address. PUT: edit one (shipping_id in the body), as .../shipping does in the API.
export const POST = portalRoute(
  { permission: "customers.write", params: CustomerPathSchema, body: AddShippingAddressSchema },
  async ({ actor, params, body }) => success(await addShippingAddress(actor, params.customer_id, body)),
);

export const PUT = portalRoute(
  { permission: "customers.write", params: CustomerPathSchema, body: UpdateShippingAddressSchema },
  async ({ actor, params, body }) => success(await updateShippingAddress(actor, params.customer_id, body)),
);
