import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { durationWords, frequencyWords } from "@/components/portal/billing/format";
import { PLAN_STATUS_WORDS, PlanStatusBadge } from "@/components/portal/billing/status-badges";
import { FilterActions, FilterField } from "@/components/portal/filter-field";
import { PageHeader } from "@/components/portal/page-header";
import { browsePlans } from "@/lib/billing/plans/browse-plans";
import { BrowsePlansQuerySchema } from "@/lib/billing/plans/schemas";
import { formatMajorAmount } from "@/lib/payments/format-amount";
import { requirePortalUser } from "@/lib/portal/current-user";
import { filterQuery } from "@/lib/portal/filter-query";
import { can } from "@/lib/portal/permissions";
import { parsePlanFilter } from "@/lib/portal/plan-filter";

export const metadata = { title: "Plans · Customer Vault" };

const PAGE_SIZE = 25;

const COLUMNS: TableColumn[] = [
  { label: "Plan code", cellClassName: "whitespace-nowrap font-mono" },
  { label: "Name", cellClassName: "text-slate-900" },
  { label: "Status" },
  { label: "plan_id", cellClassName: "tabular-nums text-slate-700" },
  { label: "Amount", cellClassName: "whitespace-nowrap text-right tabular-nums text-slate-900", className: "text-right" },
  { label: "Billed", cellClassName: "text-slate-700" },
];

/** Every version of every plan (GET /platform/plan's list), by plan code, then oldest version first. */
export default async function PlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePortalUser();
  const query = await searchParams;
  const { values, filter, errors } = parsePlanFilter(query);
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const result = await browsePlans(
    session.user.merchantId,
    BrowsePlansQuerySchema.parse({ count: String(PAGE_SIZE), page: String(Math.min(page - 1, 999_999_999)), filter }),
  );
  const filtered = Object.values(values).some(Boolean);
  return (
    <>
      <PageHeader
        title="Plans"
        description="What subscriptions bill: an amount, how often, and for how long. Changing a plan that has subscriptions makes a new version of it."
        actions={
          can(session.user.role, "billing.write") ? (
            <Link href="/portal/plans/new" className={buttonClass()}>
              New plan
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <Panel title="Find plans">
          <form method="get" action="/portal/plans" role="search" aria-label="Find plans" className="grid gap-4 sm:grid-cols-3">
            <FilterField name="q" label="Plan code" defaultValue={values.q} error={errors.q} placeholder="GOLD" />
            <FilterField
              name="status"
              label="Status"
              defaultValue={values.status}
              options={PLAN_STATUS_WORDS.map(([letter, word]) => [letter, `${word} (${letter})`] as const)}
            />
            <FilterActions submitLabel="Search" clearHref="/portal/plans" filtered={filtered} />
          </form>
        </Panel>
        <Panel>
          {result.data.length === 0 ? (
            <p className="py-8 text-center text-sm text-slate-700">{filtered ? "No plans match." : "No plans yet."}</p>
          ) : (
            <Table
              caption="Plans and their versions, by plan code"
              columns={COLUMNS}
              rows={result.data.map((plan) => ({
                key: plan.plan_id,
                testId: `plan-${plan.plan_id}`,
                cells: [
                  <Link key="code" href={`/portal/plans/${plan.plan_code}`} className="font-medium text-blue-800 underline">
                    {plan.plan_code}
                  </Link>,
                  plan.plan_name,
                  <PlanStatusBadge key="status" status={plan.status} />,
                  plan.plan_id,
                  formatMajorAmount(plan.amt_tran, Number(plan.tran_currency)),
                  `${frequencyWords(plan.plan_frequency, plan.interval)}, ${durationWords(plan.plan_duration)}`,
                ],
              }))}
            />
          )}
          <Pager
            page={page}
            pageCount={pageCountOf(result.totalRecords, PAGE_SIZE)}
            summary={`${result.totalRecords} in all`}
            href={(p) => `/portal/plans?${filterQuery(values, { page: String(p) })}`}
          />
        </Panel>
      </div>
    </>
  );
}
