import Link from "next/link";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { PageHeader } from "@/components/portal/page-header";
import { SubscriptionTable } from "@/components/portal/billing/subscription-table";
import { SUBSCRIPTION_STATUS_WORDS } from "@/components/portal/billing/status-badges";
import { FilterActions, FilterField } from "@/components/portal/filter-field";
import { listSubscriptions } from "@/lib/billing/subscription-operations/list-subscriptions";
import { requirePortalUser } from "@/lib/portal/current-user";
import { filterQuery } from "@/lib/portal/filter-query";
import { parseSubscriptionFilter } from "@/lib/portal/subscription-filter";

export const metadata = { title: "Subscriptions · Customer Vault" };

/** Every subscription of the merchant, newest first, found by id or customer and filtered by status. */
export default async function SubscriptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePortalUser();
  const query = await searchParams;
  const { values, filter } = parseSubscriptionFilter(query);
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const result = await listSubscriptions({ merchantId: session.user.merchantId, ...filter, page, pageSize: 25 });
  const filtered = Object.values(values).some(Boolean);
  return (
    <>
      <PageHeader
        title="Subscriptions"
        description={
          <>
            Customers billed on a schedule, from a{" "}
            <Link href="/portal/plans" className="text-blue-800 underline">
              plan
            </Link>{" "}
            or terms of their own. Dates are UTC calendar days on your billing clock.
          </>
        }
      />
      <div className="space-y-6">
        <Panel title="Find subscriptions">
          <form method="get" action="/portal/subscriptions" role="search" aria-label="Find subscriptions" className="grid gap-4 sm:grid-cols-3">
            <FilterField name="q" label="Search" defaultValue={values.q} placeholder="subscription_id or customer ID" />
            <FilterField
              name="status"
              label="Status"
              defaultValue={values.status}
              options={SUBSCRIPTION_STATUS_WORDS.map(([letter, word]) => [letter, `${word} (${letter})`] as const)}
            />
            <FilterActions submitLabel="Search" clearHref="/portal/subscriptions" filtered={filtered} />
          </form>
        </Panel>
        <Panel>
          {result.rows.length === 0 ? (
            <p className="py-8 text-center text-sm text-slate-700">{filtered ? "No subscriptions match." : "No subscriptions yet."}</p>
          ) : (
            <SubscriptionTable caption="Subscriptions, newest first" rows={result.rows} showCustomer />
          )}
          <Pager
            page={result.page}
            pageCount={pageCountOf(result.total, result.pageSize)}
            summary={`${result.total} in all`}
            href={(p) => `/portal/subscriptions?${filterQuery(values, { page: String(p) })}`}
          />
        </Panel>
      </div>
    </>
  );
}
