import Link from "next/link";
import type { Key, ReactNode } from "react";

type Direction = "ascending" | "descending";

export type TableColumn = {
  /** The header's text, which is also the column header's accessible name. */
  label: string;
  /** Said to screen readers only, for a column whose cells explain themselves (row buttons). */
  hideLabel?: boolean;
  /** Classes for the header and every cell of the column, e.g. "hidden md:table-cell". */
  className?: string;
  /** Classes for the column's body cells only: their type and colour. */
  cellClassName?: string;
  /**
   * Makes the header a link that sorts the list: `direction` is the order
   * shown now (null when the list is sorted by another column), `next` the
   * order the link asks for.
   */
  sort?: { direction: Direction | null; next: Direction; href: string };
};

export type TableRow = {
  key: Key;
  /** One per column, in the columns' order. */
  cells: ReactNode[];
  testId?: string;
};

/**
 * The looks a table takes. Each is the classes of one part; a body cell gets
 * `cellX` and, unless the table is `roomy`, `cellY`.
 */
const LOOKS = {
  /** Inside a panel, lined up with its text: the audit log, the users. */
  plain: {
    frame: "overflow-x-auto",
    table: "w-full",
    head: "border-b border-slate-200 text-slate-700",
    th: "py-2 pr-4 font-medium last:pr-0",
    body: "divide-y divide-slate-200",
    row: "",
    cellX: "pr-4 last:pr-0",
    cellY: "py-2",
  },
  /** Inside a panel, reaching its edges, headed in small capitals: keys, webhooks, deliveries. */
  inset: {
    frame: "-mx-4 overflow-x-auto",
    table: "w-full",
    head: "border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase",
    th: "px-4 py-2 font-medium",
    body: "divide-y divide-slate-100",
    row: "",
    cellX: "px-4",
    cellY: "py-2",
  },
  /** A page's main list in a card of its own, rows lit under the pointer: the customers. */
  card: {
    frame: "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm",
    table: "min-w-full divide-y divide-slate-200",
    head: "bg-slate-50",
    th: "px-4 py-3 font-semibold text-slate-800",
    body: "divide-y divide-slate-200",
    row: "hover:bg-slate-50",
    cellX: "px-4",
    cellY: "py-3",
  },
  /** Reference text, tight and ruled under every row: the API reference's fields. */
  dense: {
    frame: "mt-2",
    table: "w-full border-collapse",
    head: "border-b border-slate-300 text-slate-600",
    th: "py-1 pr-3 font-medium",
    body: "",
    row: "border-b border-slate-100 align-top",
    cellX: "pr-3",
    cellY: "py-1",
  },
} as const;

type Props = {
  /** The table's accessible name, visually hidden (each table sits under a heading that shows it). */
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
  look?: keyof typeof LOOKS;
  /** Extra classes for the table, e.g. a minimum width past which it scrolls sideways. */
  className?: string;
  /** Taller rows, for rows that hold form controls. */
  roomy?: boolean;
  /** Cells start at the top, for rows whose cells differ in height. */
  alignTop?: boolean;
};

/**
 * The portal's one table: a caption, a header row built from the columns and
 * one row per entry. A sortable column's header is a link and says how the
 * list is sorted (aria-sort). Rendered on the server: nothing here needs the
 * browser.
 */
export function Table({ caption, columns, rows, look = "plain", className = "", roomy = false, alignTop = false }: Props) {
  const parts = LOOKS[look];
  const cell = `${parts.cellX} ${roomy ? "py-3" : parts.cellY}`;
  // A frame that scrolls sideways (a wide table on a phone) can be reached and
  // scrolled with the keyboard, named by the caption, even when no cell holds
  // a link (axe's scrollable-region-focusable).
  const scrolls = parts.frame.split(" ").includes("overflow-x-auto");
  return (
    <div
      className={`${parts.frame} ${scrolls ? "focus-visible:outline-2 focus-visible:outline-blue-700" : ""}`}
      {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": caption } : {})}
    >
      <table className={`${parts.table} text-left text-sm ${className}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className={parts.head}>
          <tr>
            {columns.map((column) => (
              <HeaderCell key={column.label} column={column} className={`${parts.th} ${column.className ?? ""}`} />
            ))}
          </tr>
        </thead>
        <tbody className={`${parts.body} ${alignTop ? "align-top" : ""}`}>
          {rows.map((row) => (
            <tr key={row.key} className={parts.row || undefined} data-testid={row.testId}>
              {row.cells.map((content, i) => (
                <td key={i} className={`${cell} ${columns[i]?.className ?? ""} ${columns[i]?.cellClassName ?? ""}`}>
                  {content}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell({ column, className }: { column: TableColumn; className: string }) {
  const label = column.hideLabel ? <span className="sr-only">{column.label}</span> : column.label;
  const { sort } = column;
  if (!sort) {
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  }
  const active = sort.direction !== null;
  return (
    <th scope="col" className={className} aria-sort={sort.direction ?? undefined}>
      <Link
        href={sort.href}
        className="inline-flex items-center gap-1 rounded hover:text-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-400"}>
          {sort.direction === "ascending" ? "▲" : sort.direction === "descending" ? "▼" : "↕"}
        </span>
        <span className="sr-only">{`, sort ${sort.next}`}</span>
      </Link>
    </th>
  );
}
