import "#server-only";
import type { Actor } from "../../audit/record-audit";
import type { Tx } from "../../db/client";

// What the plan operations need to know of subscriptions, in one place: the
// subscriptions work fills these in when its table exists (it references
// Plan.id, the plan version a subscription signed up for). Until then no
// plan has a subscription, so an update edits the plan in place and a delete
// has nothing to cancel (docs/billing.md, "Plans").

/** Whether any subscription uses this plan version: if one does, an update makes a new version instead of changing its terms. */
export async function planHasSubscriptions(_tx: Tx, _planId: number): Promise<boolean> {
  return false;
}

/** Cancels the subscriptions of a plan version being deleted, in the caller's transaction, with their events; answers how many. */
export async function cancelPlanSubscriptions(_tx: Tx, _actor: Actor, _planId: number): Promise<number> {
  return 0;
}
