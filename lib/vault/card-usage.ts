import "#server-only";
import type { Tx } from "../db/client";
import { ApiError } from "../errors/api-error";

// A card that an active or paused subscription charges cannot be deleted
// (the reference: "A payment method with active subscriptions cannot be
// deleted"; docs/billing.md, "Subscriptions"). Every delete path (card
// delete, a customer update replacing cards) calls this, inside its
// transaction, after locking the customer (customer-query.ts), which a new
// subscription locks too: so a subscription added at the same moment cannot
// slip past. The Subscription table is read here directly: billing sits
// above the vault and the vault imports none of it.

/** Statuses whose subscriptions still charge their card: active and paused (a paused one resumes on it). */
const CHARGING_STATUSES = ["A", "P"];

/**
 * Refuses (409) to delete a card an active or paused subscription charges:
 * by its card_id, or, when it is the customer's primary card, through a
 * subscription without a card_id (which charges the primary card).
 */
export async function assertCardNotInActiveSubscription(tx: Tx, cardId: string): Promise<void> {
  const card = await tx.card.findUnique({ where: { id: cardId }, select: { customerPk: true, isPrimary: true } });
  if (!card) return;
  const chargesIt = [{ cardId }, ...(card.isPrimary ? [{ cardId: null, customerPk: card.customerPk }] : [])];
  const subscription = await tx.billingSubscription.findFirst({
    where: { status: { in: CHARGING_STATUSES }, OR: chargesIt },
    select: { id: true, cardId: true },
  });
  if (!subscription) return;
  const how = subscription.cardId === null ? "as the customer's primary card " : "";
  throw new ApiError("conflict", `The card is used ${how}by subscription ${subscription.id} (active or paused) and cannot be deleted`);
}
