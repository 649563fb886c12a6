import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Panel } from "@/components/ui/panel";
import { Table, type TableColumn } from "@/components/ui/table";
import { billingDayWords, cycleWords, durationWords, formatDate, frequencyWords } from "@/components/portal/billing/format";
import { ChargeStateBadge, SubscriptionStatusBadge } from "@/components/portal/billing/status-badges";
import { SubscriptionActions, type CardChoice } from "@/components/portal/billing/subscription-actions";
import { Breadcrumb } from "@/components/portal/breadcrumb";
import { cardBrand, formatExpiry } from "@/components/portal/customers/format";
import { formatTime } from "@/components/portal/format";
import { PageHeader } from "@/components/portal/page-header";
import { TranStatusBadge } from "@/components/portal/payments/tran-status-badge";
import {
  getSubscriptionOverview,
  HISTORY_SHOWN,
  type SubscriptionOverview,
  type UpcomingCharge,
} from "@/lib/billing/subscription-operations/subscription-overview";
import { formatAmount, formatMajorAmount } from "@/lib/payments/format-amount";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";
import { ApiError } from "@/lib/errors/api-error";
import { getCustomer } from "@/lib/vault/get-customer";

type Props = { params: Promise<{ subscriptionId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `Subscription ${(await params).subscriptionId} · Customer Vault` };
}

const NOTICES: Record<string, string> = {
  pause: "Subscription paused.",
  resume: "Subscription resumed.",
  cancel: "Subscription cancelled.",
  card: "Card changed: the next charges use it.",
};

const UPCOMING_COLUMNS: TableColumn[] = [
  { label: "Date", cellClassName: "whitespace-nowrap text-slate-900" },
  { label: "Charge", cellClassName: "text-slate-900" },
  { label: "Amount", cellClassName: "whitespace-nowrap text-right tabular-nums text-slate-900", className: "text-right" },
];

const LEDGER_COLUMNS: TableColumn[] = [
  { label: "Charge", cellClassName: "text-slate-900" },
  { label: "Cycle date", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Attempt", cellClassName: "tabular-nums text-slate-700" },
  { label: "Amount", cellClassName: "whitespace-nowrap text-right tabular-nums text-slate-900", className: "text-right" },
  { label: "State" },
  { label: "Transaction", cellClassName: "font-mono text-xs" },
];

const TRANSACTION_COLUMNS: TableColumn[] = [
  { label: "Time", cellClassName: "whitespace-nowrap text-slate-700" },
  { label: "Status" },
  { label: "Type", cellClassName: "text-slate-900" },
  { label: "Amount", cellClassName: "whitespace-nowrap text-right tabular-nums text-slate-900", className: "text-right" },
  { label: "Gateway's answer", cellClassName: "text-slate-700" },
];

/** One subscription: its terms and status, the charges to come, its ledger and its transactions. */
export default async function SubscriptionPage({ params, searchParams }: Props) {
  const session = await requirePortalUser();
  const { subscriptionId } = await params;
  if (!/^\d{1,10}$/.test(subscriptionId)) notFound();
  const s = await getSubscriptionOverview(session.user.merchantId, Number(subscriptionId));
  if (!s) notFound();
  const money = (minor: number) => formatAmount(minor, s.terms.currency);
  const done = (await searchParams).done;
  const notice = typeof done === "string" ? NOTICES[done] : undefined;
  const mayChange = can(session.user.role, "billing.write");
  const cards = mayChange && s.hasCustomer ? await cardChoices(session.user.merchantId, s.customerId) : [];

  return (
    <>
      <Breadcrumb parent={{ href: "/portal/subscriptions", label: "Subscriptions" }} current={String(s.subscriptionId)} />
      <PageHeader
        title={`Subscription ${s.subscriptionId}`}
        description={
          <>
            <SubscriptionStatusBadge status={s.status} /> · customer{" "}
            {s.hasCustomer ? (
              <Link href={`/portal/customers/${s.customerId}`} className="font-mono text-blue-800 underline">
                {s.customerId}
              </Link>
            ) : (
              <span className="font-mono">{s.customerId} (deleted)</span>
            )}
          </>
        }
        actions={
          mayChange ? (
            <SubscriptionActions subscriptionId={s.subscriptionId} customerId={s.customerId} status={s.status} cardId={s.cardId} cards={cards} />
          ) : null
        }
      />
      <div className="space-y-6">
        <Alert tone="success">{notice}</Alert>
        {s.heldForReview ? (
          <Alert tone="info">
            A charge of this subscription could not be looked up with the gateway, so its outcome is not known. It is held, and not charged again, until someone
            checks that charge with the gateway.
          </Alert>
        ) : null}
        <Alert tone="info">{statusNote(s)}</Alert>
        <Panel title="Terms">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid="subscription-terms">
            {terms(s, money).map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-600">{label}</dt>
                <dd className="text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel title="Next charges">
          {s.upcoming.length === 0 ? (
            <p className="text-sm text-slate-700">{s.status === "A" ? "None: every cycle is charged." : "None while it is not active."}</p>
          ) : (
            <Table
              caption="The next charges, soonest first"
              columns={UPCOMING_COLUMNS}
              rows={s.upcoming.map((charge) => ({
                key: charge.seq,
                testId: "upcoming-charge",
                cells: [formatDate(charge.dueDate), chargeWords(charge, s.maxRetries), money(charge.amount)],
              }))}
            />
          )}
        </Panel>
        <Panel title="Ledger">
          <p className="mb-3 text-sm text-slate-700">
            Each attempt at a charge, newest first: written before the gateway is called, so a cycle is never charged twice.
          </p>
          {s.charges.rows.length === 0 ? (
            <p className="text-sm text-slate-700">Nothing charged yet.</p>
          ) : (
            <Table
              caption="Ledger rows, newest first"
              columns={LEDGER_COLUMNS}
              rows={s.charges.rows.map((row) => ({
                key: row.pgId,
                testId: "ledger-row",
                cells: [
                  cycleWords(row.seq),
                  formatDate(row.cycleDate),
                  row.attempt,
                  formatAmount(row.amountMinor, row.currency),
                  <span key="state">
                    <ChargeStateBadge state={row.state} />
                    {row.rcode ? <span className="ml-1 font-mono text-xs text-slate-700">{row.rcode}</span> : null}
                  </span>,
                  <Link key="pg" href={`/portal/transactions/${row.pgId}`} className="break-all text-blue-800 underline">
                    {row.pgId}
                  </Link>,
                ],
              }))}
            />
          )}
          {s.charges.total > HISTORY_SHOWN ? (
            <p className="mt-3 text-sm text-slate-700">
              The latest {HISTORY_SHOWN} of {s.charges.total}.
            </p>
          ) : null}
        </Panel>
        <Panel title="Transactions">
          {s.transactions.rows.length === 0 ? (
            <p className="text-sm text-slate-700">None yet.</p>
          ) : (
            <Table
              caption="Transactions of this subscription, newest first"
              columns={TRANSACTION_COLUMNS}
              rows={s.transactions.rows.map((t) => ({
                key: t.pg_id,
                testId: "subscription-transaction",
                cells: [
                  <Link key="time" href={`/portal/transactions/${t.pg_id}`} className="font-medium text-blue-800 underline">
                    {formatTime(t.tran_time)}
                  </Link>,
                  <TranStatusBadge key="status" status={t.tran_status} />,
                  t.tran_type,
                  formatMajorAmount(t.amt_tran, Number(t.tran_currency)),
                  t.rmsg,
                ],
              }))}
            />
          )}
          {s.transactions.total > HISTORY_SHOWN ? (
            <p className="mt-3 text-sm text-slate-700">
              The latest {HISTORY_SHOWN} of {s.transactions.total}.
            </p>
          ) : null}
        </Panel>
      </div>
    </>
  );
}

/** The customer's cards, masked, for "Change card" (none when the customer is gone). */
async function cardChoices(merchantId: bigint, customerId: string): Promise<CardChoice[]> {
  const customer = await getCustomer(merchantId, customerId).catch((error: unknown) => {
    if (error instanceof ApiError && error.kind === "not_found") return null;
    throw error;
  });
  return (customer?.billing_cards ?? []).map((card) => ({
    cardId: card.card_id,
    label: `${card.card_number} · ${cardBrand(card.card_type)} · expires ${formatExpiry(card.exp_date)}`,
    isPrimary: card.primary,
  }));
}

/** What the status means for the charges to come. */
function statusNote(s: SubscriptionOverview): string {
  switch (s.status) {
    case "A":
      return s.chargePending
        ? "Active. A charge was sent and its outcome is being settled; nothing else is charged meanwhile."
        : "Active: billed on the dates below.";
    case "P":
      return `Paused${s.statusDate ? ` on ${formatDate(s.statusDate)}` : ""}: nothing is charged. Resuming skips the cycles missed meanwhile.`;
    case "S":
      return `Suspended${s.suspendedDate ? ` on ${formatDate(s.suspendedDate)}` : ""} after its charge was declined${
        s.nextCycle ? ` (${cycleWords(s.nextCycle.seq).toLowerCase()}, due ${formatDate(s.nextCycle.date)})` : ""
      }. Resuming charges each missed cycle once, oldest first.${s.cancelsOn ? ` If it is not resumed, it is cancelled on ${formatDate(s.cancelsOn)}.` : ""}`;
    case "C":
      return `Cancelled${s.statusDate ? ` on ${formatDate(s.statusDate)}` : ""}: it is not charged again and cannot be resumed.`;
    case "D":
      return `Complete${s.statusDate ? ` on ${formatDate(s.statusDate)}` : ""}: every cycle was charged.`;
    default:
      return `Status ${s.status}.`;
  }
}

function chargeWords(charge: UpcomingCharge, maxRetries: number): string {
  const what = charge.kind === "prorate" ? "Prorated payment" : charge.kind === "trial" ? `Trial cycle ${charge.n}` : `Cycle ${charge.n}`;
  return charge.retry > 0 ? `${what}, retry ${charge.retry} of ${maxRetries} (due ${formatDate(charge.date)})` : what;
}

function terms(s: SubscriptionOverview, money: (minor: number) => string): [string, ReactNode][] {
  const t = s.terms;
  return [
    [
      "Plan",
      s.planCode ? (
        <span key="plan">
          <Link href={`/portal/plans/${s.planCode}`} className="font-mono text-blue-800 underline">
            {s.planCode}
          </Link>{" "}
          {s.planName} (plan_id {s.planId})
        </span>
      ) : (
        "Off-plan: terms of its own"
      ),
    ],
    ["Description", s.description || "—"],
    ["Amount each cycle", money(Number(t.amountMinor))],
    ["Billed", `${frequencyWords(t.frequency, t.interval)}${billingDayWords(t) ? `, ${billingDayWords(t)}` : ""}`],
    ["Cycles", durationWords(t.duration)],
    ["Starts", formatDate(t.dateStart)],
    ["Ends", s.dateEnd ? formatDate(s.dateEnd) : "when cancelled"],
    ["Trial", t.trialDuration > 0 ? `${durationWords(t.trialDuration)} at ${t.trialMinor > 0n ? money(Number(t.trialMinor)) : "no charge"}` : "none"],
    ["Setup fee", t.setupMinor > 0 ? money(t.setupMinor) : "none"],
    [
      "Card",
      s.cardId === null ? (
        "the customer's primary card, at each charge"
      ) : s.card ? (
        <span key="card" className="font-mono">
          {s.card.maskedNumber} · {cardBrand(s.card.cardType)}
        </span>
      ) : (
        "a card since deleted"
      ),
    ],
    ["Purchase ID", s.purchaseId ?? "—"],
    ["Added", formatTime(s.createdAt)],
  ];
}
