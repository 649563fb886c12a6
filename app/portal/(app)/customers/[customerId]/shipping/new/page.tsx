import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { ShippingForm } from "@/components/portal/customers/shipping-form";
import { loadCustomer } from "@/components/portal/customers/load-customer";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "New shipping address · Customer Vault" };

export default async function NewShippingPage({ params }: { params: Promise<{ customerId: string }> }) {
  const session = await requirePortalUser({ permission: "customers.write" });
  const customer = await loadCustomer(session.user.merchantId, (await params).customerId);
  return (
    <>
      <PageHeader
        title="New shipping address"
        description={
          <>
            For customer <span className="font-mono">{customer.customer_id}</span>. The first address becomes primary.
          </>
        }
      />
      <Panel>
        <ShippingForm mode="new" customerId={customer.customer_id} />
      </Panel>
    </>
  );
}
