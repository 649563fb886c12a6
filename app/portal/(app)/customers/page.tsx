import { PageHeader } from "@/components/portal/page-header";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "Customers · Customer Vault" };

export default async function CustomersPage() {
  await requirePortalUser();
  return <PageHeader title="Customers" description="Search, open and edit the customers in your vault." />;
}
