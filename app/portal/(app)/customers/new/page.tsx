import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { CustomerForm } from "@/components/portal/customers/customer-form";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "New customer · Customer Vault" };

/** Adding a customer; a viewer gets the 404 page. */
export default async function NewCustomerPage() {
  await requirePortalUser({ permission: "customers.write" });
  return (
    <>
      <PageHeader title="New customer" description="Cards are added on the customer's page once it exists, through the vault's secure card form." />
      <Panel>
        <CustomerForm mode="new" />
      </Panel>
    </>
  );
}
