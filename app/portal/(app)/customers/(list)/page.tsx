import Link from "next/link";
import Form from "next/form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Pager, pageCountOf } from "@/components/ui/pager";
import { PageHeader } from "@/components/portal/page-header";
import { CustomerTable } from "@/components/portal/customers/customer-table";
import { listHref, readListQuery } from "@/components/portal/customers/list-query";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";
import { searchCustomers } from "@/lib/vault/search-customers";

export const metadata = { title: "Customers · Customer Vault" };

const PAGE_SIZE = 20;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The merchant's customers: search, sort and page through them, all in the URL. */
export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await requirePortalUser();
  const params = await searchParams;
  const query = readListQuery(params);
  const result = await searchCustomers({ merchantId: session.user.merchantId, ...query, pageSize: PAGE_SIZE });
  const pageCount = pageCountOf(result.total, PAGE_SIZE);
  const deleted = typeof params.deleted === "string" ? params.deleted : null;
  const canWrite = can(session.user.role, "customers.write");

  return (
    <>
      <PageHeader
        title="Customers"
        description="Search, open and edit the customers in your vault."
        actions={
          canWrite ? (
            <Link href="/portal/customers/new" className={buttonClass("primary")}>
              New customer
            </Link>
          ) : null
        }
      />
      {deleted ? (
        <div className="mb-4">
          <Alert tone="success">Customer {deleted} was deleted.</Alert>
        </div>
      ) : null}
      <Form action="/portal/customers" role="search" aria-label="Customers" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 sm:max-w-md">
          <label htmlFor="customer-search" className="block text-sm font-medium text-slate-800">
            Search customers
          </label>
          <p id="customer-search-hint" className="mt-0.5 text-sm text-slate-600">
            Name, company, email, customer ID, or a card&apos;s last four digits.
          </p>
          <input
            // Keyed by q: back and forward (client navigations) show the URL's search, not what was last typed.
            key={query.q}
            id="customer-search"
            name="q"
            type="search"
            defaultValue={query.q}
            aria-describedby="customer-search-hint"
            maxLength={200}
            autoComplete="off"
            className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-blue-700"
          />
        </div>
        {/* A new search starts on page 1 and keeps the chosen order. */}
        {query.sort !== "created" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {params.direction ? <input type="hidden" name="direction" value={query.direction} /> : null}
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
        {query.q ? (
          <Link href={listHref({ ...query, q: "", page: 1 })} className={buttonClass("secondary")}>
            Clear search
          </Link>
        ) : null}
      </Form>

      {result.rows.length > 0 ? (
        <>
          <CustomerTable rows={result.rows} query={query} />
          <Pager
            page={query.page}
            pageCount={pageCount}
            summary={result.total === 1 ? "1 customer" : `${result.total} customers`}
            href={(page) => listHref({ ...query, page })}
          />
        </>
      ) : (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
          <p className="text-base font-medium text-slate-900" role="status">
            {query.q
              ? `No customers match “${query.q}”.`
              : result.total > 0
                ? `There is no page ${query.page}: the list has ${pageCount} ${pageCount === 1 ? "page" : "pages"}.`
                : "No customers yet."}
          </p>
          <p className="mt-1 text-sm text-slate-700">
            {query.q ? "Try part of a name or email, a customer ID, or the last four digits of a card." : null}
            {!query.q && result.total > 0 ? (
              <Link href={listHref({ ...query, page: 1 })} className="text-blue-800 underline">
                Go to the first page
              </Link>
            ) : null}
            {!query.q && result.total === 0 && canWrite ? "Add one with “New customer”, or through the API." : null}
          </p>
        </div>
      )}
    </>
  );
}
