import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { CreateLinkForm } from "@/components/portal/links/create-link-form";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";

export const metadata = { title: "New checkout link · Customer Vault" };

export default async function NewLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePortalUser({ permission: "links.write" });
  const customer = (await searchParams).customer;
  return (
    <>
      <PageHeader
        title="New checkout link"
        description="A one-time page where your customer types their card: it lands in your vault, or pays an amount you set."
      />
      <Panel>
        <CreateLinkForm customerId={typeof customer === "string" ? customer.slice(0, 32) : undefined} canCharge={can(session.user.role, "payments.write")} />
      </Panel>
    </>
  );
}
