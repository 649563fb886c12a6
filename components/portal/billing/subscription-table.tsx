import Link from "next/link";
import { Table, type TableColumn } from "@/components/ui/table";
import type { SubscriptionListRow } from "@/lib/billing/subscription-operations/list-subscriptions";
import { formatAmount } from "@/lib/payments/format-amount";
import { formatDate, frequencyWords } from "./format";
import { SubscriptionStatusBadge } from "./status-badges";

/** Subscriptions as a table: the Subscriptions page's list, and a customer's own (without the customer column). */
export function SubscriptionTable({ caption, rows, showCustomer = false }: { caption: string; rows: SubscriptionListRow[]; showCustomer?: boolean }) {
  const columns: TableColumn[] = [
    { label: "subscription_id", cellClassName: "tabular-nums" },
    { label: "Status" },
    ...(showCustomer ? [{ label: "Customer", cellClassName: "text-slate-900" }] : []),
    { label: "Plan", cellClassName: "text-slate-900" },
    { label: "Amount", cellClassName: "whitespace-nowrap text-right tabular-nums text-slate-900", className: "text-right" },
    { label: "Next charge", cellClassName: "whitespace-nowrap text-slate-700" },
  ];
  return (
    <Table
      caption={caption}
      columns={columns}
      rows={rows.map((row) => ({
        key: row.subscriptionId,
        testId: `subscription-${row.subscriptionId}`,
        cells: [
          <Link key="id" href={`/portal/subscriptions/${row.subscriptionId}`} className="font-medium text-blue-800 underline">
            {row.subscriptionId}
          </Link>,
          <SubscriptionStatusBadge key="status" status={row.status} />,
          ...(showCustomer
            ? [
                <Link key="customer" href={`/portal/customers/${row.customerId}`} className="text-blue-800 underline">
                  {row.customerId}
                </Link>,
              ]
            : []),
          row.planCode ? (
            <span key="plan">
              <Link href={`/portal/plans/${row.planCode}`} className="font-mono text-blue-800 underline">
                {row.planCode}
              </Link>{" "}
              {row.planName}
            </span>
          ) : (
            <span key="plan" className="text-slate-700">
              Off-plan{row.description ? `: ${row.description}` : ""}
            </span>
          ),
          `${formatAmount(row.amountMinor, row.currency)} ${frequencyWords(row.frequency, row.interval)}`,
          row.heldForReview ? "held for review" : formatDate(row.nextDate),
        ],
      }))}
    />
  );
}
