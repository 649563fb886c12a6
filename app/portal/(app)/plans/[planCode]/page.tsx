import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { ArchivePlanButton } from "@/components/portal/billing/archive-plan-button";
import { billingDayWords, durationWords, frequencyWords } from "@/components/portal/billing/format";
import { loadPlan, VERSIONS_SHOWN } from "@/components/portal/billing/load-plan";
import { PlanStatusBadge } from "@/components/portal/billing/status-badges";
import { Breadcrumb } from "@/components/portal/breadcrumb";
import { formatTime } from "@/components/portal/format";
import { PageHeader } from "@/components/portal/page-header";
import type { PlanResponse } from "@/lib/billing/plans/schemas";
import { currencyOf } from "@/lib/payments/currency";
import { formatMajorAmount } from "@/lib/payments/format-amount";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";

type Props = { params: Promise<{ planCode: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `Plan ${(await params).planCode} · Customer Vault` };
}

const VERSION_COLUMNS: TableColumn[] = [
  { label: "plan_id", cellClassName: "tabular-nums text-slate-900" },
  { label: "Status" },
  { label: "Made", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Amount", cellClassName: "whitespace-nowrap text-right tabular-nums text-slate-900", className: "text-right" },
  { label: "Billed", cellClassName: "text-slate-700" },
  { label: "Subscriptions", cellClassName: "text-right tabular-nums text-slate-900", className: "text-right" },
];

/** A plan: its current version's terms, every version with its subscriptions, and edit and archive for roles with billing.write. */
export default async function PlanPage({ params, searchParams }: Props) {
  const session = await requirePortalUser();
  const { planCode } = await params;
  const plan = await loadPlan(session.user.merchantId, planCode);
  const { current } = plan;
  const query = await searchParams;
  const notice =
    "created" in query
      ? "Plan created."
      : "saved" in query
        ? "Changes saved."
        : "archived" in query
          ? "Plan archived: no new subscription can join it."
          : typeof query.versioned === "string"
            ? `Saved as a new version, plan_id ${current.plan_id}. Subscriptions on the earlier version keep its terms.`
            : undefined;
  const mayChange = can(session.user.role, "billing.write") && plan.isActive;
  const money = (major: number) => formatMajorAmount(major, Number(current.tran_currency));

  return (
    <>
      <Breadcrumb parent={{ href: "/portal/plans", label: "Plans" }} current={current.plan_code} mono />
      <PageHeader
        title={current.plan_name}
        description={
          <>
            Plan code <span className="font-mono">{current.plan_code}</span> · <PlanStatusBadge status={current.status} />
          </>
        }
        actions={
          mayChange ? (
            <>
              <Link href={`/portal/plans/${current.plan_code}/edit`} className={buttonClass("secondary")}>
                Edit plan
              </Link>
              <ArchivePlanButton planCode={current.plan_code} />
            </>
          ) : null
        }
      />
      <div className="space-y-6">
        <Alert tone="success">{notice}</Alert>
        {plan.isActive ? null : (
          <Alert tone="info">This plan has no active version: no new subscription can join it. Its code can be used for a new plan.</Alert>
        )}
        <Panel title={plan.isActive ? `Current version (plan_id ${current.plan_id})` : `Latest version (plan_id ${current.plan_id})`}>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid="plan-terms">
            {terms(current, money).map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-600">{label}</dt>
                <dd className="text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel title="Versions">
          <p className="mb-3 text-sm text-slate-700">
            Changing a version that has subscriptions archives it and makes a new one; its subscriptions keep the terms they joined with.
          </p>
          <Table
            caption={`Versions of plan ${current.plan_code}, newest first`}
            columns={VERSION_COLUMNS}
            rows={plan.versions.map((version) => ({
              key: version.plan_id,
              testId: `version-${version.plan_id}`,
              cells: [
                <span key="id">
                  {version.plan_id}
                  {version.plan_id === current.plan_id && plan.isActive ? (
                    <span className="ml-2 rounded-full bg-blue-100 px-2 py-0.5 text-xs font-semibold text-blue-900">Current</span>
                  ) : null}
                </span>,
                <PlanStatusBadge key="status" status={version.status} />,
                formatTime(version.db_timestamp),
                formatMajorAmount(version.amt_tran, Number(version.tran_currency)),
                `${frequencyWords(version.plan_frequency, version.interval)}, ${durationWords(version.plan_duration)}`,
                plan.subscriptions.get(version.plan_id) ?? 0,
              ],
            }))}
          />
          {plan.totalVersions > VERSIONS_SHOWN ? (
            <p className="mt-3 text-sm text-slate-700">
              The newest {VERSIONS_SHOWN} of {plan.totalVersions} versions.
            </p>
          ) : null}
        </Panel>
      </div>
    </>
  );
}

function terms(plan: PlanResponse, money: (major: number) => string): [string, ReactNode][] {
  const currency = currencyOf(Number(plan.tran_currency));
  const day = billingDayWords({
    billSpecificDay: plan.bill_specific_day,
    dayOfWeek: plan.day_of_week ?? null,
    dayOfMonth: plan.day_of_month ?? null,
    month: plan.month ?? null,
  });
  return [
    ["Description", plan.plan_desc],
    ["Amount each cycle", `${money(plan.amt_tran)} (${currency?.code ?? plan.tran_currency})`],
    ["Billed", frequencyWords(plan.plan_frequency, plan.interval)],
    ["Cycles", durationWords(plan.plan_duration)],
    ["Billing day", day ?? "the day each subscription starts"],
    ["First payment", plan.prorate_first_pmt ? `prorated${plan.amt_prorate ? `: ${money(plan.amt_prorate)}` : ", computed from the days"}` : "a full cycle"],
    ["Trial", plan.trial_duration > 0 ? `${durationWords(plan.trial_duration)} at ${plan.amt_trial > 0 ? money(plan.amt_trial) : "no charge"}` : "none"],
    ["Setup fee", plan.amt_setup > 0 ? money(plan.amt_setup) : "none"],
    ["Statement suffix", plan.dba_suffix ?? "none"],
    ["Last changed", formatTime(plan.mod_timestamp)],
  ];
}
