import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { deleteShippingAddress } from "@/lib/vault/delete-shipping-address";
import { ShippingPathSchema } from "@/lib/vault/schemas";

export const DELETE = apiRoute({ params: ShippingPathSchema }, async ({ actor, params }) =>
  success(await deleteShippingAddress(actor, params.customer_id, params.id)),
);
