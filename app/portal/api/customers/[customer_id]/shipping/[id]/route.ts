import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { deleteShippingAddress } from "@/lib/vault/delete-shipping-address";
import { ShippingPathSchema } from "@/lib/vault/schemas";

// DELETE: delete a shipping address (DELETE .../shipping/{id} in the API).
export const DELETE = portalRoute({ permission: "customers.write", params: ShippingPathSchema }, async ({ actor, params }) =>
  success(await deleteShippingAddress(actor, params.customer_id, params.id)),
);
