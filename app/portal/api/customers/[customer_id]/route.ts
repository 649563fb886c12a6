import { success, successMessage } from "@/lib/api/envelope";
import { deleteCustomerCancellingSubscriptions } from "@/lib/billing/subscription-operations/delete-customer";
import { portalRoute } from "@/lib/portal/portal-route";
import { updateCustomer } from "@/lib/vault/update-customer";
import { PortalUpdateCustomerSchema } from "@/lib/vault/form-schemas";
import { CustomerPathSchema } from "@/lib/vault/schemas";

// PATCH: edit a customer's fields (omitted stay, null clears), as PUT
// /platform/vault/customer/{id} does. DELETE: delete it with its cards and addresses,
// after cancelling its subscriptions.
export const PATCH = portalRoute(
  { permission: "customers.write", params: CustomerPathSchema, body: PortalUpdateCustomerSchema },
  async ({ actor, params, body }) => success(await updateCustomer(actor, params.customer_id, body)),
);

export const DELETE = portalRoute({ permission: "customers.write", params: CustomerPathSchema }, async ({ actor, params }) => {
  await deleteCustomerCancellingSubscriptions(actor, params.customer_id);
  return successMessage("Customer deleted");
});
