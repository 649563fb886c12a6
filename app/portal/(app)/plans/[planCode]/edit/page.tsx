import { notFound } from "next/navigation";
import { Panel } from "@/components/ui/panel";
import { PlanForm } from "@/components/portal/billing/plan-form";
import { loadPlan } from "@/components/portal/billing/load-plan";
import { Breadcrumb } from "@/components/portal/breadcrumb";
import { PageHeader } from "@/components/portal/page-header";
import { requirePortalUser } from "@/lib/portal/current-user";

type Props = { params: Promise<{ planCode: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Edit plan ${(await params).planCode} · Customer Vault` };
}

/** The active version's edit; a role without billing.write, or a plan with no active version, gets the 404 page. */
export default async function EditPlanPage({ params }: Props) {
  const session = await requirePortalUser({ permission: "billing.write" });
  const { planCode } = await params;
  const plan = await loadPlan(session.user.merchantId, planCode);
  if (!plan.isActive) notFound();
  return (
    <>
      <Breadcrumb parent={{ href: `/portal/plans/${plan.current.plan_code}`, label: `Plan ${plan.current.plan_code}` }} current="Edit" />
      <PageHeader title={`Edit ${plan.current.plan_name}`} />
      <Panel>
        <PlanForm mode="edit" plan={plan.current} subscriptions={plan.subscriptions.get(plan.current.plan_id) ?? 0} />
      </Panel>
    </>
  );
}
