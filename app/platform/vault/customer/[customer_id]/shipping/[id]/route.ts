import { apiRoute } from "@/lib/api/api-route";
import { success } from "@/lib/api/envelope";
import { deleteShippingAddress } from "@/lib/vault/delete-shipping-address";
import { ShippingPathSchema } from "@/lib/vault/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

export const DELETE = apiRoute({ params: ShippingPathSchema }, async ({ actor, params }) =>
  success(await deleteShippingAddress(actor, params.customer_id, params.id)),
);

export const { GET, POST, PUT, PATCH } = unservedMethods("DELETE");
