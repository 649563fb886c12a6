import Link from "next/link";

const LINK =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
const DISABLED = "rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm font-medium text-slate-500";

type Props = {
  /** The page shown, counting from 1. */
  page: number;
  pageCount: number;
  /** The URL of a page (counting from 1), keeping the list's other query parameters. */
  href: (page: number) => string;
  /** Said after "Page X of Y", e.g. "23 customers". */
  summary?: string;
  /** The navigation's accessible name, when a page has more than one list. */
  label?: string;
  /** The two links' words, when the list's order gives better ones ("Newer", "Older"). */
  previousLabel?: string;
  nextLabel?: string;
};

/** How many pages `total` rows fill, at least one (an empty list is "Page 1 of 1"). */
export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The portal's one pager: "Page X of Y" and Previous / Next links. An end
 * that does not exist is shown, not linked; a page past the end links back
 * to the last one.
 */
export function Pager({ page, pageCount, href, summary, label = "Pagination", previousLabel = "Previous", nextLabel = "Next" }: Props) {
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-700">
        <span data-testid="page-status">
          Page {Math.min(page, pageCount)} of {pageCount}
        </span>
        {summary ? <span className="text-slate-600"> · {summary}</span> : null}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(Math.min(page - 1, pageCount))} className={LINK} rel="prev">
            {previousLabel}
          </Link>
        ) : (
          <span className={DISABLED} aria-disabled="true">
            {previousLabel}
          </span>
        )}
        {page < pageCount ? (
          <Link href={href(page + 1)} className={LINK} rel="next">
            {nextLabel}
          </Link>
        ) : (
          <span className={DISABLED} aria-disabled="true">
            {nextLabel}
          </span>
        )}
      </div>
    </nav>
  );
}
