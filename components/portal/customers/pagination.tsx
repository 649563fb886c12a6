import Link from "next/link";
import { listHref, type ListQuery } from "./list-query";

const LINK = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
const DISABLED = "rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm font-medium text-slate-500";

/** Previous / Next with "Page X of Y"; an end that does not exist is shown, not linked. */
export function Pagination({ query, pageCount, total }: { query: ListQuery; pageCount: number; total: number }) {
  const { page } = query;
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-700">
        <span data-testid="page-status">
          Page {page} of {pageCount}
        </span>
        <span className="text-slate-600"> · {total === 1 ? "1 customer" : `${total} customers`}</span>
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={listHref({ ...query, page: Math.min(page - 1, pageCount) })} className={LINK} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={DISABLED} aria-disabled="true">
            Previous
          </span>
        )}
        {page < pageCount ? (
          <Link href={listHref({ ...query, page: page + 1 })} className={LINK} rel="next">
            Next
          </Link>
        ) : (
          <span className={DISABLED} aria-disabled="true">
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
