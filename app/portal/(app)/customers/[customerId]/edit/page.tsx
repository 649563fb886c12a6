import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { CustomerForm } from "@/components/portal/customers/customer-form";
import { loadCustomer } from "@/components/portal/customers/load-customer";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "Edit customer · Customer Vault" };

/** Editing a customer's details (not its cards or addresses, which have their own actions). */
export default async function EditCustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const session = await requirePortalUser({ permission: "customers.write" });
  const customer = await loadCustomer(session.user.merchantId, (await params).customerId);
  const initial = {
    customer_first_name: customer.customer_first_name ?? "",
    customer_last_name: customer.customer_last_name ?? "",
    customer_firm_name: customer.customer_firm_name ?? "",
    customer_email: customer.customer_email ?? "",
    customer_phone: customer.customer_phone ?? "",
    reference_id: customer.reference_id ?? "",
    comments: customer.comments ?? "",
  };
  return (
    <>
      <PageHeader
        title="Edit customer"
        description={
          <>
            Customer ID <span className="font-mono">{customer.customer_id}</span> cannot change.
          </>
        }
      />
      <Panel>
        <CustomerForm mode="edit" customerId={customer.customer_id} initial={initial} />
      </Panel>
    </>
  );
}
