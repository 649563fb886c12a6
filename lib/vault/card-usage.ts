import "#server-only";
import type { Tx } from "../db/client";
import { ApiError } from "../errors/api-error";

/**
 * Refuses to delete a card that an active subscription charges (the
 * reference: "A payment method with active subscriptions cannot be
 * deleted"). Plans and subscriptions do not exist yet; when the billing work
 * adds them, this is the one place that gains the query, and every delete
 * path (card delete, customer update replacing cards) already calls it.
 */
export async function assertCardNotInActiveSubscription(tx: Tx, cardId: string): Promise<void> {
  const activeSubscriptions = await countActiveSubscriptionsForCard(tx, cardId);
  if (activeSubscriptions > 0) {
    throw new ApiError("conflict", "The card is used by an active subscription and cannot be deleted");
  }
}

async function countActiveSubscriptionsForCard(_tx: Tx, _cardId: string): Promise<number> {
  return 0; // no subscriptions table yet: see the comment above
}
