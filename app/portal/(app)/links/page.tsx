import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { Panel } from "@/components/ui/panel";
import { CopyField } from "@/components/portal/copy-field";
import { formatTime } from "@/components/portal/format";
import { StateBadge } from "@/components/portal/links/state-badge";
import { PageHeader } from "@/components/portal/page-header";
import { listCheckouts } from "@/lib/checkout/list-checkouts";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";
import { CUSTOMER_ID_PATTERN } from "@/lib/vault/schemas";

export const metadata = { title: "Checkout links · Customer Vault" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LinksPage({ searchParams }: { searchParams: Search }) {
  const session = await requirePortalUser();
  const query = await searchParams;
  const customer = typeof query.customer === "string" && CUSTOMER_ID_PATTERN.test(query.customer) ? query.customer : undefined;
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const result = await listCheckouts({ merchantId: session.user.merchantId, customerId: customer, page, pageSize: 20 });
  const href = (p: number) => `/portal/links?${new URLSearchParams({ ...(customer ? { customer } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader
        title="Checkout links"
        description="One-time card pages sent to customers: their state and failed attempts."
        actions={
          can(session.user.role, "links.write") ? (
            <Link href={customer ? `/portal/links/new?customer=${customer}` : "/portal/links/new"} className={buttonClass()}>
              New link
            </Link>
          ) : null
        }
      />
      <Panel>
        <form method="get" action="/portal/links" className="mb-4 flex flex-wrap items-end gap-2" role="search" aria-label="Links of one customer">
          <div>
            <label htmlFor="customer" className="block text-sm font-medium text-slate-800">
              Customer ID
            </label>
            <input id="customer" name="customer" defaultValue={customer ?? ""} className="mt-1 rounded-md border border-slate-400 px-3 py-2 text-sm" />
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            Filter
          </button>
          {customer ? (
            <Link href="/portal/links" className="px-2 py-2 text-sm font-medium text-blue-800 underline">
              Show all
            </Link>
          ) : null}
        </form>
        {result.rows.length === 0 ? (
          <p className="py-8 text-center text-sm text-slate-700">{customer ? `No links for customer ${customer}.` : "No checkout links yet."}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {result.rows.map((row) => (
              <li key={row.checkoutId} className="py-4" data-testid={`link-${row.checkoutId}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="flex items-center gap-3">
                    <StateBadge state={row.state} />
                    <Link href={`/portal/customers/${row.customerId}`} className="text-sm font-medium text-blue-800 underline">
                      {row.customerId}
                    </Link>
                    <span className="text-sm text-slate-700">
                      {row.amount ? `takes a payment of ${row.amount}` : row.cardId ? "updates a card" : "adds a card"}
                    </span>
                  </div>
                  <p className="text-sm text-slate-700">
                    Failed attempts: <strong className="text-slate-900">{row.failedAttempts}</strong>
                  </p>
                </div>
                <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2 lg:grid-cols-4">
                  <div>
                    <dt className="inline">Created </dt>
                    <dd className="inline text-slate-900">{formatTime(row.createdAt)}</dd>
                  </div>
                  <div>
                    <dt className="inline">Expires </dt>
                    <dd className="inline text-slate-900">{formatTime(row.expiresAt)}</dd>
                  </div>
                  {row.spentAt ? (
                    <div>
                      <dt className="inline">{row.amount ? "Paid " : "Card saved "}</dt>
                      <dd className="inline text-slate-900">{formatTime(row.spentAt)}</dd>
                    </div>
                  ) : null}
                  {row.lockedAt ? (
                    <div>
                      <dt className="inline">Locked </dt>
                      <dd className="inline text-slate-900">{formatTime(row.lockedAt)}</dd>
                    </div>
                  ) : null}
                </dl>
                {row.state === "open" ? (
                  <div className="mt-3">
                    <CopyField label="Link" value={row.link} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <Pager page={result.page} pageCount={pageCountOf(result.total, result.pageSize)} summary={`${result.total} in all`} href={href} />
      </Panel>
    </>
  );
}
