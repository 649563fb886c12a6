import "#server-only";
import { auditRowsSql, type Actor } from "../audit/record-audit";
import { getDb } from "../db/client";
import { directWriteAtomically } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { cardEventData } from "../events/event-data";
import { eventRowsSql } from "../events/record-event";
import { insertCardRowsSql } from "../vault/insert-card-rows";
import { prepareCard } from "../vault/prepare-card";
import type { AddBillingCardInput } from "../vault/schemas";
import { addressRetryAfterSeconds } from "./address-limit";
import { otherCardWithNumber, readCheckoutForCapture, type CheckoutForCapture } from "./capture-reads";
import { checkoutState, isPaymentLink } from "./checkout-row";

// The hosted submit's common case, straight on the database driver
// (docs/decisions/004): an open link that adds a new card, an address under
// its limit, a valid card the customer does not have yet. Everything is read
// first, outside any transaction, with the reads the locked path makes
// (capture-reads.ts); then one atomic batch spends the link only
// if it is still open, and stores the card, its audit row and its event only
// if that spend took: the card's customer is read from the link as this
// batch just spent it, so a link another request spent, locked or let expire
// in between gives the card no customer, the NOT NULL column refuses it, and
// nothing of the batch is written. A card the customer gained in between
// fails the unique index the same way.
//
// Every other case, and any batch that wrote nothing, returns null: the
// caller then runs the full capture in a Prisma transaction with the link's
// row locked (capture-card.ts), which gives each refusal its answer and
// counts failures. So this path only ever stores what that one would have
// stored, in fewer round trips and without the Prisma client.

/** What a stored submit leads to: the link as it was read, and the new card. */
export type DirectlyStored = { kind: "stored"; checkout: CheckoutForCapture; cardId: string };

export async function storeCardDirectly(
  checkoutId: string,
  input: AddBillingCardInput,
  origin: Pick<Actor, "clientAddress" | "requestId">,
  session: string | null,
): Promise<DirectlyStored | null> {
  const db = getDb();
  const checkout = await readCheckoutForCapture(db, checkoutId, false);
  // A payment link is paid, never captured (pay-checkout.ts).
  if (!checkout || checkout.cardId !== null || isPaymentLink(checkout) || checkoutState(checkout) !== "open") return null;
  if ((await addressRetryAfterSeconds(db, origin.clientAddress)) > 0) return null;
  const now = new Date();
  const card = prepareCard(input, checkout.merchantId, "", {}, now);
  if (!card || (await otherCardWithNumber(db, checkout.customerPk, card))) return null;

  const actor: Actor = { merchantId: checkout.merchantId, actor: `checkout:${checkoutId}`, ...origin };
  const spentCustomer = Prisma.sql`(SELECT "customerPk" FROM "Checkout" WHERE "id" = ${checkoutId} AND "resultCardId" = ${card.id})`;
  // The customer's first card is primary, as on every other way in.
  const isPrimary = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Card" WHERE "customerPk" = ${spentCustomer})`;
  const eventData = { checkout_id: checkoutId, ...cardEventData(checkout.customerId, card) };
  try {
    await directWriteAtomically([
      Prisma.sql`
        UPDATE "Checkout" SET "state" = 'spent', "spentAt" = ${now}, "resultCardId" = ${card.id}, "spentBySession" = ${session}
        WHERE "id" = ${checkoutId} AND "state" = 'open' AND "cardId" IS NULL AND "amountMinor" = 0 AND "expiresAt" > ${now}`,
      insertCardRowsSql(spentCustomer, [{ ...card, isPrimary }]),
      auditRowsSql(actor, [{ action: "card.create", type: "card", id: card.id }]),
      eventRowsSql(checkout.merchantId, [{ type: "checkout_vault_card_added", data: eventData }]).sql,
    ]);
  } catch {
    // Nothing was written; the full capture finds out why and answers it.
    return null;
  }
  return { kind: "stored", checkout, cardId: card.id };
}
