import Link from "next/link";
import { CopyField } from "@/components/portal/copy-field";
import { formatTime } from "@/components/portal/format";
import type { CheckoutListRow } from "@/lib/checkout/list-checkouts";
import { CancelLinkButton } from "./cancel-link-button";
import { StateBadge } from "./state-badge";

/**
 * Checkout links as the Links page and a customer's page list them: state,
 * what the link does, failed attempts, when it was made, expires, was spent
 * or locked; an open link's URL to copy and, for roles that may, Cancel.
 */
export function LinkList({ rows, canCancel, showCustomer = true }: { rows: CheckoutListRow[]; canCancel: boolean; showCustomer?: boolean }) {
  return (
    <ul className="divide-y divide-slate-200" aria-label="Checkout links">
      {rows.map((row) => (
        <li key={row.checkoutId} className="py-4" data-testid={`link-${row.checkoutId}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="flex flex-wrap items-center gap-3">
              <StateBadge state={row.state} />
              {showCustomer ? (
                <Link href={`/portal/customers/${row.customerId}`} className="text-sm font-medium text-blue-800 underline">
                  {row.customerId}
                </Link>
              ) : null}
              <span className="text-sm text-slate-700">{row.amount ? `takes a payment of ${row.amount}` : row.cardId ? "updates a card" : "adds a card"}</span>
            </div>
            <p className="text-sm text-slate-700">
              Failed attempts: <strong className="text-slate-900">{row.failedAttempts}</strong>
            </p>
          </div>
          <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2 lg:grid-cols-4">
            <Time term="Created" value={row.createdAt} />
            {/* A cancelled link's expiry is the moment it was cancelled. */}
            <Time term={row.state === "cancelled" ? "Cancelled" : "Expires"} value={row.expiresAt} />
            {row.spentAt ? <Time term={row.amount ? "Paid" : "Card saved"} value={row.spentAt} /> : null}
            {row.lockedAt ? <Time term="Locked" value={row.lockedAt} /> : null}
          </dl>
          {row.state === "open" ? (
            <div className="mt-3 flex flex-wrap items-end gap-3">
              <div className="min-w-0 flex-1">
                <CopyField label="Link" value={row.link} />
              </div>
              {canCancel ? <CancelLinkButton checkoutId={row.checkoutId} customerId={row.customerId} created={formatTime(row.createdAt)} /> : null}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Time({ term, value }: { term: string; value: Date }) {
  return (
    <div>
      <dt className="inline">{term} </dt>
      <dd className="inline text-slate-900">{formatTime(value)}</dd>
    </div>
  );
}
