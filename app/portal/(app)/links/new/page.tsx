import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { CreateLinkForm } from "@/components/portal/links/create-link-form";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "New checkout link · Customer Vault" };

export default async function NewLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePortalUser({ permission: "links.write" });
  const customer = (await searchParams).customer;
  return (
    <>
      <PageHeader title="New checkout link" description="A one-time page where your customer types their card; the card lands in your vault." />
      <Panel>
        <CreateLinkForm customerId={typeof customer === "string" ? customer.slice(0, 32) : undefined} />
      </Panel>
    </>
  );
}
