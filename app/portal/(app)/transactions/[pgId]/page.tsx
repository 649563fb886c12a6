import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { formatTime } from "@/components/portal/format";
import { Breadcrumb } from "@/components/portal/breadcrumb";
import { PageHeader } from "@/components/portal/page-header";
import { loadTransaction } from "@/components/portal/payments/load-transaction";
import { TransactionActions } from "@/components/portal/payments/transaction-actions";
import { TranStatusBadge } from "@/components/portal/payments/tran-status-badge";
import { currencyOf } from "@/lib/payments/currency";
import { formatMajorAmount } from "@/lib/payments/format-amount";
import type { TransactionResponse } from "@/lib/payments/transaction-response";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";

type Props = { params: Promise<{ pgId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `Transaction ${(await params).pgId} · Customer Vault` };
}

const NOTICES: Record<string, string> = {
  charge: "Card charged: approved.",
  capture: "Captured: approved.",
  refund: "Refunded: approved.",
  void: "Voided: approved.",
};

const FOLLOW_UP_COLUMNS: TableColumn[] = [
  { label: "Time", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Type", cellClassName: "text-slate-900" },
  { label: "Status" },
  { label: "Amount", cellClassName: "whitespace-nowrap text-right tabular-nums text-slate-900", className: "text-right" },
  { label: "Gateway's answer", cellClassName: "text-slate-700" },
];

/**
 * What staff may do next, by the state rules of docs/payments.md (the server
 * checks them again under a lock): the most a capture or a refund may take,
 * in major units as the field shows them, or null.
 */
function nextActions(t: TransactionResponse & { follow_ups: TransactionResponse[] }, exponent: number) {
  const minor = (major: number) => Math.round(major * 10 ** exponent);
  const major = (m: number) => (m / 10 ** exponent).toFixed(exponent);
  const captured =
    t.tran_type === "sale"
      ? minor(t.amt_tran)
      : t.follow_ups
          .filter((f) => f.tran_type === "capture" && (f.tran_status === "C" || f.tran_status === "S"))
          .reduce((sum, f) => sum + minor(f.amt_tran), 0);
  const left = captured - minor(t.amt_refunded);
  const capturedNow = t.tran_status === "C" || t.tran_status === "S";
  return {
    capture: t.tran_type === "auth" && t.tran_status === "A" ? major(minor(t.amt_tran)) : null,
    refund: (t.tran_type === "sale" || t.tran_type === "auth") && capturedNow && left > 0 ? major(left) : null,
    voidable: ["sale", "auth", "refund", "credit"].includes(t.tran_type) && (t.tran_status === "A" || t.tran_status === "C"),
  };
}

export default async function TransactionPage({ params, searchParams }: Props) {
  const session = await requirePortalUser();
  const { pgId } = await params;
  const t = await loadTransaction(session.user.merchantId, pgId);
  const currency = currencyOf(Number(t.tran_currency));
  const money = (major: number) => formatMajorAmount(major, Number(t.tran_currency));
  const query = await searchParams;
  const notice = typeof query.done === "string" ? NOTICES[query.done] : undefined;
  const actions = currency ? nextActions(t, currency.exponent) : null;
  const mayAct = can(session.user.role, "payments.write") && actions && (actions.capture !== null || actions.refund !== null || actions.voidable);

  const details: [string, ReactNode][] = [
    [
      "pg_id",
      <span key="pg" className="font-mono break-all">
        {t.pg_id}
      </span>,
    ],
    ["Time", formatTime(t.tran_time)],
    ["Amount", money(t.amt_tran)],
    ...(t.amt_refunded > 0 ? ([["Refunded", money(t.amt_refunded)]] as [string, ReactNode][]) : []),
    ["Currency", `${currency?.code ?? ""} (${t.tran_currency})`],
    ["Card", t.card_number ? `${t.card_number}${t.card_type ? ` · ${t.card_type}` : ""}` : "—"],
    [
      "Customer",
      t.customer_id ? (
        <Link key="c" href={`/portal/customers/${t.customer_id}`} className="text-blue-800 underline">
          {t.customer_id}
        </Link>
      ) : (
        "—"
      ),
    ],
    ["Gateway's answer", `${t.rmsg} (rcode ${t.rcode})`],
    ["Auth code", t.auth_code ?? "—"],
    ["AVS / CVV result", `${t.auth_avs_result ?? "—"} / ${t.auth_cvv2_result ?? "—"}`],
    ["Your reference", t.merch_ref_num ?? "—"],
    ["Purchase ID", t.purchase_id ?? "—"],
    ["Settled", t.settle_date ? formatTime(t.settle_date) : "—"],
    ["Connector", t.connector],
    [
      "Original",
      t.pg_id_orig ? (
        <Link key="o" href={`/portal/transactions/${t.pg_id_orig}`} className="font-mono break-all text-blue-800 underline">
          {t.pg_id_orig}
        </Link>
      ) : (
        "—"
      ),
    ],
  ];

  return (
    <>
      <Breadcrumb parent={{ href: "/portal/transactions", label: "Transactions" }} current={t.pg_id} mono />
      <PageHeader
        title={`${t.tran_type[0]?.toUpperCase()}${t.tran_type.slice(1)} of ${money(t.amt_tran)}`}
        description={<TranStatusBadge status={t.tran_status} />}
        actions={
          mayAct && actions ? (
            <TransactionActions
              pgId={t.pg_id}
              currencyCode={currency?.code ?? ""}
              capture={actions.capture}
              refund={actions.refund}
              voidable={actions.voidable}
              shownAmount={money(t.amt_tran)}
            />
          ) : null
        }
      />
      <div className="space-y-6">
        <Alert tone="success">{notice}</Alert>
        {t.tran_status === "F" ? (
          <Alert tone="info">
            The gateway did not answer this request, so its outcome is not known. Check it with your gateway before charging the card again.
          </Alert>
        ) : null}
        <Panel title="Details">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid="transaction-details">
            {details.map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-600">{label}</dt>
                <dd className="text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel title="Captures, refunds and voids">
          {t.follow_ups.length === 0 ? (
            <p className="text-sm text-slate-700">None.</p>
          ) : (
            <Table
              caption="Captures, refunds and voids of this transaction, oldest first"
              columns={FOLLOW_UP_COLUMNS}
              rows={t.follow_ups.map((f) => ({
                key: f.pg_id,
                testId: "follow-up",
                cells: [
                  <Link key="t" href={`/portal/transactions/${f.pg_id}`} className="font-medium text-blue-800 underline">
                    {formatTime(f.tran_time)}
                  </Link>,
                  f.tran_type,
                  <TranStatusBadge key="s" status={f.tran_status} />,
                  money(f.amt_tran),
                  f.rmsg,
                ],
              }))}
            />
          )}
        </Panel>
      </div>
    </>
  );
}
