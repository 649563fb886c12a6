import "#server-only";
import { recordAuditMany, type Actor } from "../../audit/record-audit";
import type { Tx } from "../../db/client";
import { forUpdate } from "../../db/locks";
import { Prisma } from "../../db/sql";
import { recordEvents } from "../../events/record-event";
import { subscriptionEventData } from "./subscription-event-data";

// Cancelling subscriptions, in one place for everyone who does it
// (docs/billing.md, "Subscriptions"): the API's cancel, a customer's delete,
// a plan version's delete, and the billing run once a subscription has been
// suspended too long. Each cancelled subscription gets its
// subscription_cancelled event and its audit row in the caller's
// transaction, so the change and its records commit together.

/** Statuses a subscription can be cancelled from: active, paused, suspended. Cancelled and complete ones stay as they are. */
export const CANCELLABLE_STATUSES = ["A", "P", "S"] as const;

/**
 * Which of the actor's merchant's subscriptions to cancel: by id, every one
 * of a customer (its key), every one on a plan version, or every one
 * suspended on or before a day (the billing run's 60-day rule; checked under
 * the lock, so one resumed meanwhile is left alone).
 */
export type CancelScope = { ids: number[] } | { customerPk: number } | { planId: number } | { suspendedOnOrBefore: number };

function scopeSql(scope: CancelScope): Prisma.Sql {
  if ("ids" in scope) return scope.ids.length === 0 ? Prisma.sql`1 = 0` : Prisma.sql`"id" IN (${Prisma.join(scope.ids)})`;
  if ("customerPk" in scope) return Prisma.sql`"customerPk" = ${scope.customerPk}`;
  if ("suspendedOnOrBefore" in scope) return Prisma.sql`"status" = 'S' AND "suspendedDay" <= ${scope.suspendedOnOrBefore}`;
  return Prisma.sql`"planId" = ${scope.planId}`;
}

/**
 * Inside the caller's transaction: cancels the actor's merchant's active,
 * paused and suspended subscriptions in `scope` (status C, statusDay `today`,
 * no due day), with a subscription_cancelled event and a subscription.cancel
 * audit row each. Answers the ids it cancelled, oldest first; those already
 * cancelled or complete are left alone. The claim, attempt and decline
 * fields are the billing run's and stay as they are.
 */
export async function cancelSubscriptions(tx: Tx, actor: Actor, scope: CancelScope, today: number): Promise<number[]> {
  // Locked first (PostgreSQL), so a concurrent pause, resume or run cannot change a row between this read and the update.
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Subscription"
    WHERE "merchantId" = ${actor.merchantId} AND "status" IN (${Prisma.join([...CANCELLABLE_STATUSES])}) AND ${scopeSql(scope)}
    ORDER BY "id" ${forUpdate()}`;
  const ids = rows.map((row) => Number(row.id));
  if (ids.length === 0) return [];

  await tx.billingSubscription.updateMany({ where: { id: { in: ids } }, data: { status: "C", statusDay: today, dueDay: null } });
  const cancelled = await tx.billingSubscription.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    select: { id: true, customerId: true, cardId: true, planId: true, planCode: true, status: true, currency: true },
  });
  await recordEvents(
    tx,
    actor.merchantId,
    cancelled.map((subscription) => ({ type: "subscription_cancelled" as const, data: subscriptionEventData(subscription) })),
  );
  await recordAuditMany(
    tx,
    actor,
    ids.map((id) => ({ action: "subscription.cancel", type: "subscription", id: String(id) })),
  );
  return ids;
}
