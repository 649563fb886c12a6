import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import type { CustomerSearchRow } from "@/lib/vault/search-customers";
import type { CustomerSort } from "@/lib/vault/search-customers";
import { defaultDirection, listHref, type ListQuery } from "./list-query";
import { cardBrand, customerName, formatExpiry } from "./format";

const COLUMNS: { label: string; sort?: CustomerSort; className?: string; cellClassName: string }[] = [
  { label: "Name", sort: "name", cellClassName: "font-medium" },
  { label: "Customer ID", sort: "customer_id", cellClassName: "font-mono text-xs text-slate-800" },
  { label: "Email", sort: "email", className: "hidden md:table-cell", cellClassName: "text-slate-800" },
  { label: "Primary card", cellClassName: "text-slate-800" },
  { label: "Added", sort: "created", className: "hidden lg:table-cell", cellClassName: "whitespace-nowrap text-slate-700" },
];

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const spoken = (direction: "asc" | "desc") => (direction === "asc" ? "ascending" : "descending");

/** One page of customers; column headers are links that sort (and flip the direction of) the list. */
export function CustomerTable({ rows, query }: { rows: CustomerSearchRow[]; query: ListQuery }) {
  const columns: TableColumn[] = COLUMNS.map(({ sort, ...column }) => {
    if (!sort) return column;
    const active = query.sort === sort;
    const next = active ? (query.direction === "asc" ? "desc" : "asc") : defaultDirection(sort);
    return {
      ...column,
      sort: {
        direction: active ? spoken(query.direction) : null,
        next: spoken(next),
        href: listHref({ ...query, sort, direction: next, page: 1 }),
      },
    };
  });
  return (
    <Table
      look="card"
      caption={`Customers, sorted by ${COLUMNS.find((c) => c.sort === query.sort)?.label.toLowerCase()}, ${spoken(query.direction)}`}
      columns={columns}
      rows={rows.map((row) => ({
        key: row.customerId,
        cells: [
          <>
            <Link
              href={`/portal/customers/${row.customerId}`}
              className="text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
            >
              {customerName(row)}
            </Link>
            {row.firmName && (row.firstName || row.lastName) ? <span className="block text-xs font-normal text-slate-600">{row.firmName}</span> : null}
          </>,
          row.customerId,
          row.email ?? "—",
          row.primaryCard ? (
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
          ),
          DATE.format(row.createdAt),
        ],
      }))}
    />
  );
}
