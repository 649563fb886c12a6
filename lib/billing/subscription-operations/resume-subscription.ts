import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import type { Tx } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError } from "../../errors/api-error";
import { recordEvent } from "../../events/record-event";
import { merchantToday } from "../merchant-today";
import { cursorOnOrAfter, cycleOf, type Cursor } from "../subscriptions/subscription-cursor";
import { subscriptionEventData } from "../subscriptions/subscription-event-data";
import { parseDay } from "../utc-date";
import { answerFor, lockSubscriptionOrThrow } from "./get-subscription-or-throw";
import { assertSubscriber } from "./subscriber-check";
import { subscriptionSelect, type SubscriptionRow } from "./subscription-rows";
import type { SubscriberBody, SubscriptionResponse } from "./schemas";

/**
 * POST /subscription/{id}/resume (docs/billing.md, "Subscriptions"):
 * - paused (P): active again from the first cycle due today or later; the
 *   cycles missed while paused are skipped. When none is left, it is
 *   complete (D), with its subscription_complete event.
 * - suspended (S): active again and due today, at the cycle whose charge
 *   failed: the billing run charges it and then each cycle missed since,
 *   oldest first.
 * Either way its declines start again from 0. Active, cancelled and
 * complete subscriptions are a 409, as is one whose card is gone.
 */
export async function resumeSubscription(actor: Actor, subscriptionId: number, body: SubscriberBody): Promise<SubscriptionResponse> {
  const today = await merchantToday(actor.merchantId);
  return writeTransaction(async (tx) => {
    const current = await lockSubscriptionOrThrow(tx, actor.merchantId, subscriptionId);
    assertSubscriber(current, body.customer_id);
    if (current.status !== "P" && current.status !== "S") {
      throw new ApiError("conflict", `Only a paused or suspended subscription can be resumed; this one's status is ${current.status}`);
    }
    await assertCardToCharge(tx, current);
    const cursor: Cursor = current.status === "P" ? resumedCursor(current, today) : { nextSeq: current.nextSeq, dueDay: today };
    const audit = { type: "subscription" as const, id: String(current.id) };
    if (cursor.nextSeq === null) {
      const complete = await tx.billingSubscription.update({
        where: { id: current.id },
        data: { status: "D", statusDay: today, nextSeq: null, dueDay: null },
        select: subscriptionSelect,
      });
      await recordEvent(tx, actor.merchantId, "subscription_complete", subscriptionEventData(complete));
      await recordAudit(tx, actor, "subscription.resume", audit);
      return answerFor(tx, complete);
    }
    const resumed = await tx.billingSubscription.update({
      where: { id: current.id },
      data: { status: "A", statusDay: null, nextSeq: cursor.nextSeq, dueDay: cursor.dueDay, declines: 0, suspendedDay: null },
      select: subscriptionSelect,
    });
    await recordAudit(tx, actor, "subscription.resume", audit);
    return answerFor(tx, resumed);
  });
}

/**
 * Where a paused subscription resumes: the first cycle due today or later,
 * but never a cycle before the one it stood at (a cycle already charged
 * today is not charged again).
 */
function resumedCursor(row: SubscriptionRow, today: number): Cursor {
  if (row.nextSeq === null) return { nextSeq: null, dueDay: null };
  const skipped = cursorOnOrAfter(row, today);
  if (skipped.nextSeq === null || skipped.nextSeq >= row.nextSeq) return skipped;
  const standing = cycleOf(row, row.nextSeq);
  return standing === null ? { nextSeq: null, dueDay: null } : { nextSeq: standing.seq, dueDay: parseDay(standing.date) };
}

/** The card the subscription charges must still exist: its card_id, or, without one, a primary card of its customer. */
async function assertCardToCharge(tx: Tx, row: SubscriptionRow): Promise<void> {
  const card =
    row.customerPk === null
      ? null
      : await tx.card.findFirst({ where: { customerPk: row.customerPk, ...(row.cardId === null ? {} : { id: row.cardId }) }, select: { id: true } });
  if (!card) {
    throw new ApiError("conflict", "The subscription's card no longer exists: set another with PUT /subscription/{subscription_id} (card_id) first");
  }
}
