import { apiRoute } from "@/lib/api/api-route";
import { success, successMessage } from "@/lib/api/envelope";
import { deleteCustomer } from "@/lib/vault/delete-customer";
import { getCustomer } from "@/lib/vault/get-customer";
import { updateCustomer } from "@/lib/vault/update-customer";
import { CustomerPathSchema, UpdateCustomerSchema } from "@/lib/vault/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

export const GET = apiRoute({ params: CustomerPathSchema }, async ({ actor, params }) => success(await getCustomer(actor.merchantId, params.customer_id)));

export const PUT = apiRoute({ params: CustomerPathSchema, body: UpdateCustomerSchema }, async ({ actor, params, body }) =>
  success(await updateCustomer(actor, params.customer_id, body)),
);

export const DELETE = apiRoute({ params: CustomerPathSchema }, async ({ actor, params }) => {
  await deleteCustomer(actor, params.customer_id);
  return successMessage("Customer deleted");
});

export const { POST, PATCH } = unservedMethods("GET", "PUT", "DELETE");
