import { Panel } from "@/components/ui/panel";
import { Breadcrumb } from "@/components/portal/breadcrumb";
import { PageHeader } from "@/components/portal/page-header";
import { PlanForm } from "@/components/portal/billing/plan-form";
import { requirePortalUser } from "@/lib/portal/current-user";

export const metadata = { title: "New plan · Customer Vault" };

/** A new plan; a role without billing.write gets the 404 page. */
export default async function NewPlanPage() {
  await requirePortalUser({ permission: "billing.write" });
  return (
    <>
      <Breadcrumb parent={{ href: "/portal/plans", label: "Plans" }} current="New plan" />
      <PageHeader title="New plan" description="Subscriptions join a plan and bill its terms from their start date. Dates are UTC calendar days." />
      <Panel>
        <PlanForm mode="new" />
      </Panel>
    </>
  );
}
