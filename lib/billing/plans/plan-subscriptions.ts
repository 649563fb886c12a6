import "#server-only";
import type { Actor } from "../../audit/record-audit";
import type { Tx } from "../../db/client";
import { cancelSubscriptions } from "../subscriptions/cancel-subscriptions";

// What the plan operations need to know of subscriptions, in one place. A
// subscription keeps the plan version it signed up for (Subscription.planId)
// and a copy of its terms (docs/billing.md, "Plans" and "Subscriptions").

/** Whether any subscription, whatever its status, is on this plan version: if one is, an update makes a new version instead of changing its terms. */
export async function planHasSubscriptions(tx: Tx, planId: number): Promise<boolean> {
  const subscription = await tx.billingSubscription.findFirst({ where: { planId }, select: { id: true } });
  return subscription !== null;
}

/** Cancels the subscriptions of a plan version being deleted, in the caller's transaction, with their events; answers how many. */
export async function cancelPlanSubscriptions(tx: Tx, actor: Actor, planId: number, today: number): Promise<number> {
  return (await cancelSubscriptions(tx, actor, { planId }, today)).length;
}
