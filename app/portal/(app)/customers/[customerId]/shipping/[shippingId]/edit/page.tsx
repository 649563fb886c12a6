import { notFound } from "next/navigation";
import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { ShippingForm } from "@/components/portal/customers/shipping-form";
import { loadCustomer } from "@/components/portal/customers/load-customer";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "Edit shipping address · Customer Vault" };

export default async function EditShippingPage({ params }: { params: Promise<{ customerId: string; shippingId: string }> }) {
  const session = await requirePortalUser({ permission: "customers.write" });
  const { customerId, shippingId } = await params;
  const customer = await loadCustomer(session.user.merchantId, customerId);
  const address = customer.shipping_addresses.find((a) => String(a.shipping_id) === shippingId);
  if (!address) notFound();
  const initial = {
    shipping_first_name: address.shipping_first_name,
    shipping_last_name: address.shipping_last_name,
    shipping_firm_name: address.shipping_firm_name ?? "",
    shipping_addr1: address.shipping_addr1 ?? "",
    shipping_addr2: address.shipping_addr2 ?? "",
    shipping_city: address.shipping_city ?? "",
    shipping_state: address.shipping_state ?? "",
    shipping_zip: address.shipping_zip ?? "",
    shipping_country_code: address.shipping_country_code ?? "",
  };
  return (
    <>
      <PageHeader
        title="Edit shipping address"
        description={
          <>
            For customer <span className="font-mono">{customer.customer_id}</span>.
          </>
        }
      />
      <Panel>
        <ShippingForm mode="edit" customerId={customer.customer_id} shippingId={address.shipping_id} initial={initial} />
      </Panel>
    </>
  );
}
