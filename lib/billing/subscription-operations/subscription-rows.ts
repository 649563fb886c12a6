import "#server-only";
import type { Db, Tx } from "../../db/client";
import { majorUnitsIn } from "../../payments/amount";
import type { PlanFrequency } from "../plan-schedule";
import { termSelect } from "../plans/plan-rows";
import { scheduleSummary } from "../schedule";
import { cycleOf, scheduleOf, type SubscriptionTerms } from "../subscriptions/subscription-cursor";
import { formatDay } from "../utc-date";
import type { SetupFeeResponse, SubscriptionResponse, SubscriptionStatus } from "./schemas";

// Subscription rows to the API's shape: the one place that knows both.
// Amounts are stored in minor units (BigInt) and answered in major units;
// the dates come from the schedule (../schedule.ts) and the cursor the
// billing run moves (../subscriptions/subscription-cursor.ts).

export const subscriptionSelect = {
  id: true,
  merchantId: true,
  customerId: true,
  customerPk: true,
  cardId: true,
  status: true,
  planId: true,
  planCode: true,
  planName: true,
  ...termSelect,
  purchaseId: true,
  dateStart: true,
  nextSeq: true,
  dueDay: true,
} as const;

/** A subscription row as read with subscriptionSelect; its term columns make it the cursor's SubscriptionTerms as it is. */
export type SubscriptionRow = SubscriptionTerms & {
  id: number;
  merchantId: bigint;
  customerId: string;
  customerPk: number | null;
  cardId: string | null;
  status: string;
  planId: number | null;
  planCode: string | null;
  planName: string | null;
  description: string;
  setupMinor: bigint;
  currency: number;
  purchaseId: string | null;
  nextSeq: number | null;
  dueDay: number | null;
};

/** The subscriber's name as the answer shows it; empty once the customer is deleted. */
export type SubscriberName = { firstName: string | null; lastName: string | null };

/** The names of the customers these subscriptions bill, by the customer's key. */
export async function subscriberNames(db: Db | Tx, rows: readonly Pick<SubscriptionRow, "customerPk">[]): Promise<Map<number, SubscriberName>> {
  const pks = [...new Set(rows.map((row) => row.customerPk).filter((pk): pk is number => pk !== null))];
  if (pks.length === 0) return new Map();
  const customers = await db.customer.findMany({ where: { id: { in: pks } }, select: { id: true, firstName: true, lastName: true } });
  return new Map(customers.map((c) => [c.id, c]));
}

/**
 * date_next: for an active subscription, the day the billing run next
 * charges it (a retry's day after a decline); for a paused or suspended one,
 * the date of the cycle it stands at (for a suspended one, the cycle whose
 * charge failed, which resuming charges first); empty once cancelled or
 * complete.
 */
function dateNext(row: SubscriptionRow): string {
  if (row.status === "A") return row.dueDay === null ? "" : formatDay(row.dueDay);
  if ((row.status === "P" || row.status === "S") && row.nextSeq !== null) return cycleOf(row, row.nextSeq)?.date ?? "";
  return "";
}

export function subscriptionToResponse(row: SubscriptionRow, name: SubscriberName | undefined, response?: SetupFeeResponse): SubscriptionResponse {
  const amount = (minor: number | bigint) => majorUnitsIn(minor, row.currency);
  const summary = scheduleSummary(scheduleOf(row));
  const answer: SubscriptionResponse = {
    subscription_id: row.id,
    merchant_id: Number(row.merchantId),
    customer_id: row.customerId,
    customer_first_name: name?.firstName ?? "",
    customer_last_name: name?.lastName ?? "",
    card_id: row.cardId ?? "",
    status: row.status as SubscriptionStatus,
    subscription_on_plan: row.planId !== null,
    plan_id: row.planId ?? 0,
    plan_desc: row.description,
    plan_frequency: row.frequency as PlanFrequency,
    interval: row.interval,
    plan_duration: row.duration,
    tran_currency: String(row.currency).padStart(3, "0"),
    amt_setup: amount(row.setupMinor),
    date_start: row.dateStart,
    date_next: dateNext(row),
    date_end: summary.dateEnd ?? "",
    recur_date_start: summary.recurDateStart,
    recur_date_end: summary.recurDateEnd ?? "",
    recur_amt: amount(summary.recurAmt),
  };
  if (row.planCode !== null) answer.plan_code = row.planCode;
  if (row.planName !== null) answer.plan_name = row.planName;
  if (summary.prorateDateStart !== null && summary.prorateAmt !== null) {
    answer.prorate_date_start = summary.prorateDateStart;
    answer.prorate_amt = amount(summary.prorateAmt);
  }
  if (summary.trialDateStart !== null && summary.trialDateEnd !== null && summary.trialAmt !== null) {
    answer.trial_date_start = summary.trialDateStart;
    answer.trial_date_end = summary.trialDateEnd;
    answer.trial_amt = amount(summary.trialAmt);
  }
  if (row.purchaseId !== null) answer.purchase_id = row.purchaseId;
  if (response) answer.response = response;
  return answer;
}
