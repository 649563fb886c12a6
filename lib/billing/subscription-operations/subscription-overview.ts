import "#server-only";
import { getDb } from "../../db/client";
import { merchantGateway } from "../../gateway/merchant-gateway";
import { readTransactionPage } from "../../payments/transaction-page";
import type { TransactionResponse } from "../../payments/transaction-response";
import { dateEnd, type Cycle } from "../schedule";
import { formatDay } from "../utc-date";
import { cycleOf, RETRY_DAYS, scheduleOf, SUSPENSION_DAYS, type SubscriptionTerms } from "../subscriptions/subscription-cursor";

// The portal's subscription page: its terms and status, the charges to come
// as the cursor has them (docs/billing.md, "The billing run"), and what was
// charged: its ledger rows and their transactions. Amounts in minor units.

/** How many charges to come the page lists, and how many ledger rows and transactions (the latest). */
export const UPCOMING_SHOWN = 6;
export const HISTORY_SHOWN = 50;
const MAX_SUBSCRIPTION_ID = 2_147_483_647;

/** A charge the billing run will make: its cycle, and the day it is due (a retry's day after a soft decline). */
export type UpcomingCharge = Cycle & { dueDate: string; retry: number };

/** A row of the billing ledger: one attempt at one cycle (seq -1 the setup fee, 0 a prorated payment). */
export type LedgerRow = {
  seq: number;
  attempt: number;
  kind: string;
  cycleDate: string;
  amountMinor: number;
  currency: number;
  state: string;
  rcode: string | null;
  pgId: string;
  createdAt: Date;
};

export type SubscriptionOverview = {
  subscriptionId: number;
  customerId: string;
  /** False once the customer is deleted (its subscriptions were cancelled first). */
  hasCustomer: boolean;
  /** The card it charges; null charges the customer's primary card each time. */
  cardId: string | null;
  card: { maskedNumber: string; cardType: string } | null;
  status: string;
  planId: number | null;
  planCode: string | null;
  planName: string | null;
  description: string;
  purchaseId: string | null;
  terms: SubscriptionTerms & { setupMinor: number; currency: number };
  /** The last charge's date, or null until cancelled. */
  dateEnd: string | null;
  /** The cycle charged next (or, suspended, the one whose charge failed); null after the last. */
  nextCycle: Cycle | null;
  /** Soft declines of the next cycle so far, and the most retries there are. */
  declines: number;
  maxRetries: number;
  heldForReview: boolean;
  /** A charge written whose outcome is not recorded yet. */
  chargePending: boolean;
  /** The day it was paused, cancelled or completed, and, suspended, the day it was and the day it will be cancelled. */
  statusDate: string | null;
  suspendedDate: string | null;
  cancelsOn: string | null;
  upcoming: UpcomingCharge[];
  charges: { rows: LedgerRow[]; total: number };
  transactions: { rows: TransactionResponse[]; total: number };
  createdAt: Date;
};

/** One of the merchant's subscriptions for its page, or null when it has none by that id (another merchant's included). */
export async function getSubscriptionOverview(merchantId: bigint, subscriptionId: number): Promise<SubscriptionOverview | null> {
  if (!Number.isInteger(subscriptionId) || subscriptionId < 1 || subscriptionId > MAX_SUBSCRIPTION_ID) return null;
  const db = getDb();
  const row = await db.billingSubscription.findFirst({ where: { id: subscriptionId, merchantId } });
  if (!row) return null;
  const terms: SubscriptionOverview["terms"] = {
    frequency: row.frequency,
    interval: row.interval,
    duration: row.duration,
    trialDuration: row.trialDuration,
    trialMinor: row.trialMinor,
    amountMinor: row.amountMinor,
    billSpecificDay: row.billSpecificDay,
    dayOfWeek: row.dayOfWeek,
    dayOfMonth: row.dayOfMonth,
    month: row.month,
    prorateFirstPayment: row.prorateFirstPayment,
    prorateMinor: row.prorateMinor,
    dateStart: row.dateStart,
    setupMinor: Number(row.setupMinor),
    currency: row.currency,
  };
  const [card, chargeCount, chargeRows, gateway] = await Promise.all([
    row.cardId === null ? null : db.card.findFirst({ where: { id: row.cardId, merchantId }, select: { maskedNumber: true, cardType: true } }),
    db.billingCharge.count({ where: { subscriptionId: row.id } }),
    db.billingCharge.findMany({ where: { subscriptionId: row.id }, orderBy: [{ id: "desc" }], take: HISTORY_SHOWN }),
    merchantGateway(merchantId),
  ]);
  const transactions = await readTransactionPage(
    { merchantId, subscriptionId: row.id },
    [{ createdAt: "desc" }, { id: "desc" }],
    { skip: 0, take: HISTORY_SHOWN },
    gateway.now(),
  );
  const nextCycle = row.nextSeq === null ? null : cycleOf(terms, row.nextSeq);
  return {
    subscriptionId: row.id,
    customerId: row.customerId,
    hasCustomer: row.customerPk !== null,
    cardId: row.cardId,
    card,
    status: row.status,
    planId: row.planId,
    planCode: row.planCode,
    planName: row.planName,
    description: row.description,
    purchaseId: row.purchaseId,
    terms,
    dateEnd: dateEnd(scheduleOf(terms)),
    nextCycle,
    declines: row.declines,
    maxRetries: RETRY_DAYS.length - 1,
    heldForReview: row.heldForReview,
    chargePending: row.chargingPgId !== null,
    statusDate: row.statusDay === null ? null : formatDay(row.statusDay),
    suspendedDate: row.suspendedDay === null ? null : formatDay(row.suspendedDay),
    cancelsOn: row.status === "S" && row.suspendedDay !== null ? formatDay(row.suspendedDay + SUSPENSION_DAYS) : null,
    upcoming: row.status === "A" && nextCycle !== null && row.dueDay !== null ? upcomingCharges(terms, nextCycle, row.dueDay, row.declines) : [],
    charges: {
      total: chargeCount,
      rows: chargeRows.map((c) => ({
        seq: c.seq,
        attempt: c.attempt,
        kind: c.kind,
        cycleDate: formatDay(c.cycleDay),
        amountMinor: Number(c.amountMinor),
        currency: c.currency,
        state: c.state,
        rcode: c.rcode,
        pgId: c.pgId,
        createdAt: c.createdAt,
      })),
    },
    transactions,
    createdAt: row.createdAt,
  };
}

/** The next charges of an active subscription: the cursor's cycle on its due day (a retry's, after declines), then the cycles after it on their own dates. */
function upcomingCharges(terms: SubscriptionTerms, next: Cycle, dueDay: number, declines: number): UpcomingCharge[] {
  const upcoming: UpcomingCharge[] = [{ ...next, dueDate: formatDay(dueDay), retry: declines }];
  for (let seq = next.seq + 1; upcoming.length < UPCOMING_SHOWN; seq++) {
    const cycle = cycleOf(terms, seq);
    if (cycle === null) break;
    upcoming.push({ ...cycle, dueDate: cycle.date, retry: 0 });
  }
  return upcoming;
}
