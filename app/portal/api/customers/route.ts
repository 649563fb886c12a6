import { success } from "@/lib/api/envelope";
import { portalRoute } from "@/lib/portal/portal-route";
import { addCustomer } from "@/lib/vault/add-customer";
import { PortalAddCustomerSchema } from "@/lib/vault/form-schemas";

// POST /portal/api/customers: a user adds a customer, as POST
// /platform/vault/customer does (a blank customer_id is generated).
export const POST = portalRoute({ permission: "customers.write", body: PortalAddCustomerSchema }, async ({ actor, body }) =>
  success(await addCustomer(actor, body)),
);
