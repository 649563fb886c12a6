import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import type { Tx } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError, fieldError } from "../../errors/api-error";
import { getCustomerPkOrThrow } from "../../vault/customer-query";
import { merchantToday } from "../merchant-today";
import { ScheduleError, scheduleSummary } from "../schedule";
import { firstCursor, scheduleOf } from "../subscriptions/subscription-cursor";
import { formatDay, parseDay } from "../utc-date";
import { answerFor, lockSubscriptionOrThrow } from "./get-subscription-or-throw";
import { subscriptionSelect, type SubscriptionRow } from "./subscription-rows";
import type { SubscriptionResponse, UpdateSubscriptionInput } from "./schemas";

/**
 * PUT /subscription/{id} (docs/billing.md, "Subscriptions"): moves
 * date_start, only before the subscription has started (its start still
 * ahead and no cycle charged), and changes the card it charges: another of
 * its customer's cards, or "" for the customer's primary card. A cancelled
 * or complete subscription cannot change (409). profile_id is ignored.
 */
export async function updateSubscription(actor: Actor, subscriptionId: number, input: UpdateSubscriptionInput): Promise<SubscriptionResponse> {
  const today = await merchantToday(actor.merchantId);
  return writeTransaction(async (tx) => {
    const current = await lockSubscriptionOrThrow(tx, actor.merchantId, subscriptionId);
    const data = {
      ...(input.date_start !== undefined && input.date_start !== current.dateStart ? await movedStart(tx, current, input.date_start, today) : {}),
      ...(input.card_id !== undefined && (input.card_id || null) !== current.cardId ? await changedCard(tx, actor.merchantId, current, input.card_id) : {}),
    };
    if (Object.keys(data).length === 0) return answerFor(tx, current);
    const updated = await tx.billingSubscription.update({ where: { id: current.id }, data, select: subscriptionSelect });
    await recordAudit(tx, actor, "subscription.update", { type: "subscription", id: String(current.id) });
    return answerFor(tx, updated);
  });
}

function assertChangeable(row: SubscriptionRow): void {
  if (row.status === "C" || row.status === "D")
    throw new ApiError("conflict", `A cancelled or complete subscription cannot be updated; this one's status is ${row.status}`);
}

/** The columns for a new date_start: the schedule starts again from it, so the cursor is its first charge (not due while paused). */
async function movedStart(tx: Tx, row: SubscriptionRow, dateStart: string, today: number) {
  const start = parseDay(dateStart)!;
  if (start < today) throw fieldError("date_start", `must be today or later: today is ${formatDay(today)} on the merchant's billing clock`);
  assertChangeable(row);
  const charged = await tx.billingCharge.findFirst({ where: { subscriptionId: row.id, seq: { gte: 0 } }, select: { id: true } });
  if (parseDay(row.dateStart)! <= today || charged) {
    throw new ApiError("conflict", "date_start can change only before the subscription starts: its start has come, or a cycle was charged");
  }
  const terms = { ...row, dateStart };
  try {
    scheduleSummary(scheduleOf(terms));
  } catch (error) {
    if (error instanceof ScheduleError || error instanceof RangeError)
      throw fieldError("date_start", "is too far ahead: the schedule would end after 9999-12-31");
    throw error;
  }
  const cursor = firstCursor(terms);
  return { dateStart, nextSeq: cursor.nextSeq, dueDay: row.status === "A" ? cursor.dueDay : null };
}

/**
 * The columns for another card: one of the subscription's customer's cards,
 * or null (""), the customer's primary card. The customer is locked first
 * (PostgreSQL), as a card delete locks it, so the card cannot go meanwhile.
 */
async function changedCard(tx: Tx, merchantId: bigint, row: SubscriptionRow, cardId: string) {
  assertChangeable(row);
  const customerPk = await getCustomerPkOrThrow(tx, merchantId, row.customerId);
  if (customerPk !== row.customerPk) throw new Error(`subscription ${row.id} is not its customer's`);
  const card = await tx.card.findFirst({ where: { customerPk, ...(cardId ? { id: cardId } : {}) }, select: { id: true } });
  if (!card) throw fieldError("card_id", cardId ? "is not a card of this subscription's customer" : "the customer has no card to charge");
  return { cardId: cardId || null };
}
