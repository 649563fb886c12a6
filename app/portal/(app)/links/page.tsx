import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { FilterActions, FilterField } from "@/components/portal/filter-field";
import { LinkList } from "@/components/portal/links/link-list";
import { LINK_STATE_CHOICES } from "@/components/portal/links/state-badge";
import { PageHeader } from "@/components/portal/page-header";
import { listCheckouts } from "@/lib/checkout/list-checkouts";
import { LINK_STATES, type LinkState } from "@/lib/checkout/schemas";
import { filterQuery } from "@/lib/portal/filter-query";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";
import { CUSTOMER_ID_PATTERN } from "@/lib/vault/schemas";

export const metadata = { title: "Checkout links · Customer Vault" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const isLinkState = (value: unknown): value is LinkState => (LINK_STATES as readonly unknown[]).includes(value);

export default async function LinksPage({ searchParams }: { searchParams: Search }) {
  const session = await requirePortalUser();
  const query = await searchParams;
  const customer = typeof query.customer === "string" && CUSTOMER_ID_PATTERN.test(query.customer) ? query.customer : undefined;
  const state = isLinkState(query.state) ? query.state : undefined;
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const result = await listCheckouts({ merchantId: session.user.merchantId, customerId: customer, state, page, pageSize: 20 });
  const values = { customer: customer ?? "", state: state ?? "" };
  const canWrite = can(session.user.role, "links.write");
  return (
    <>
      <PageHeader
        title="Checkout links"
        description="One-time card pages sent to customers: their state and failed attempts."
        actions={
          canWrite ? (
            <Link href={customer ? `/portal/links/new?customer=${customer}` : "/portal/links/new"} className={buttonClass()}>
              New link
            </Link>
          ) : null
        }
      />
      <Panel>
        <form method="get" action="/portal/links" className="mb-4 grid gap-4 sm:grid-cols-3" role="search" aria-label="Filter the links">
          <FilterField name="customer" label="Customer ID" defaultValue={values.customer} />
          <FilterField name="state" label="State" defaultValue={values.state} options={LINK_STATE_CHOICES} />
          <FilterActions submitLabel="Filter" clearHref="/portal/links" filtered={Boolean(customer || state)} />
        </form>
        {result.rows.length === 0 ? (
          <p className="py-8 text-center text-sm text-slate-700">{emptyText(customer, state)}</p>
        ) : (
          <LinkList rows={result.rows} canCancel={canWrite} />
        )}
        <Pager
          page={result.page}
          pageCount={pageCountOf(result.total, result.pageSize)}
          summary={`${result.total} in all`}
          href={(p) => `/portal/links?${filterQuery(values, { page: String(p) })}`}
        />
      </Panel>
    </>
  );
}

function emptyText(customer: string | undefined, state: LinkState | undefined): string {
  if (!customer && !state) return "No checkout links yet.";
  return `No ${state ? `${state} ` : ""}links${customer ? ` for customer ${customer}` : ""}.`;
}
