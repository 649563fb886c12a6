import Link from "next/link";
import type { CustomerSearchRow } from "@/lib/vault/search-customers";
import type { CustomerSort } from "@/lib/vault/search-customers";
import { defaultDirection, listHref, type ListQuery } from "./list-query";
import { cardBrand, customerName, formatExpiry } from "./format";

const COLUMNS: { label: string; sort?: CustomerSort; className?: string }[] = [
  { label: "Name", sort: "name" },
  { label: "Customer ID", sort: "customer_id" },
  { label: "Email", sort: "email", className: "hidden md:table-cell" },
  { label: "Primary card" },
  { label: "Added", sort: "created", className: "hidden lg:table-cell" },
];

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** One page of customers; column headers are links that sort (and flip the direction of) the list. */
export function CustomerTable({ rows, query }: { rows: CustomerSearchRow[]; query: ListQuery }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">
          Customers, sorted by {COLUMNS.find((c) => c.sort === query.sort)?.label.toLowerCase()}, {query.direction === "asc" ? "ascending" : "descending"}
        </caption>
        <thead className="bg-slate-50">
          <tr>
            {COLUMNS.map((column) => (
              <HeaderCell key={column.label} column={column} query={query} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.customerId} className="hover:bg-slate-50">
              <td className="px-4 py-3 font-medium">
                <Link
                  href={`/portal/customers/${row.customerId}`}
                  className="text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
                >
                  {customerName(row)}
                </Link>
                {row.firmName && (row.firstName || row.lastName) ? <span className="block text-xs font-normal text-slate-600">{row.firmName}</span> : null}
              </td>
              <td className="px-4 py-3 font-mono text-xs text-slate-800">{row.customerId}</td>
              <td className="hidden px-4 py-3 text-slate-800 md:table-cell">{row.email ?? "—"}</td>
              <td className="px-4 py-3 text-slate-800">
                {row.primaryCard ? (
                  <>
                    <span className="font-mono text-xs" data-testid="primary-card">
                      {row.primaryCard.maskedNumber}
                    </span>
                    <span className="block text-xs text-slate-600">
                      {cardBrand(row.primaryCard.cardType)} · expires {formatExpiry(row.primaryCard.expDate)}
                      {row.cardCount > 1 ? ` · ${row.cardCount} cards` : ""}
                    </span>
                  </>
                ) : (
                  <span className="text-slate-600">No card</span>
                )}
              </td>
              <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 lg:table-cell">{DATE.format(row.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell({ column, query }: { column: (typeof COLUMNS)[number]; query: ListQuery }) {
  const base = `px-4 py-3 font-semibold text-slate-800 ${column.className ?? ""}`;
  if (!column.sort) {
    return (
      <th scope="col" className={base}>
        {column.label}
      </th>
    );
  }
  const active = query.sort === column.sort;
  const next = active ? (query.direction === "asc" ? "desc" : "asc") : defaultDirection(column.sort);
  const href = listHref({ ...query, sort: column.sort, direction: next, page: 1 });
  return (
    <th scope="col" className={base} aria-sort={active ? (query.direction === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        href={href}
        className="inline-flex items-center gap-1 rounded hover:text-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        {column.label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-400"}>
          {active ? (query.direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">{`, sort ${next === "asc" ? "ascending" : "descending"}`}</span>
      </Link>
    </th>
  );
}
