import "#server-only";
import { recordAuditMany, type Actor } from "../audit/record-audit";
import type { Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { notFound } from "../errors/api-error";
import { getCustomerPkOrThrow } from "../vault/customer-query";

// Account Updater holds (docs/account-updater.md, "Holds"): a held card is
// never sent to a network. The merchant holds and releases cards by card_id
// or, for all of a customer's cards, by customer_id (card_id wins when both
// are given, as the reference says); a 203 or 204 answer holds a card too,
// with its reason, and /aus/release lifts that hold as well.

export type HoldTarget = { card_id?: string | undefined; customer_id?: string | undefined };

/** The reason kept with a hold the merchant asked for. */
export const MERCHANT_HOLD = "merchant";

/**
 * Holds the cards; answers every card the target names. Only a card that was
 * not held changes and gets a history entry: one already held (by the
 * merchant, or by a 203/204 answer) keeps its hold and its reason.
 */
export async function holdCards(actor: Actor, target: HoldTarget): Promise<string[]> {
  return writeTransaction(async (tx) => {
    const cardIds = await targetCards(tx, actor.merchantId, target);
    const changed = await cardsHeld(tx, cardIds, false);
    await tx.card.updateMany({ where: { id: { in: changed } }, data: { auHold: true, auHoldReason: MERCHANT_HOLD } });
    await recordHistory(tx, actor, changed, "hold", MERCHANT_HOLD);
    return cardIds;
  });
}

/** Releases the cards, whoever held them; answers every card the target names, and records only those that were held. */
export async function releaseCards(actor: Actor, target: HoldTarget): Promise<string[]> {
  return writeTransaction(async (tx) => {
    const cardIds = await targetCards(tx, actor.merchantId, target);
    const changed = await cardsHeld(tx, cardIds, true);
    await tx.card.updateMany({ where: { id: { in: changed } }, data: { auHold: false, auHoldReason: null } });
    await recordHistory(tx, actor, changed, "release", null);
    return cardIds;
  });
}

/** Those of the cards whose hold is `held`, read in the transaction that changes them. */
async function cardsHeld(tx: Tx, cardIds: string[], held: boolean): Promise<string[]> {
  const rows = await tx.card.findMany({ where: { id: { in: cardIds }, auHold: held }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((row) => row.id);
}

/** The merchant's card named by card_id, or every card of the customer; a 404 when neither is the merchant's. */
async function targetCards(tx: Tx, merchantId: bigint, target: HoldTarget): Promise<string[]> {
  if (target.card_id !== undefined) {
    const card = await tx.card.findFirst({ where: { id: target.card_id, merchantId }, select: { id: true } });
    if (!card) throw notFound("Card");
    return [card.id];
  }
  const customerPk = await getCustomerPkOrThrow(tx, merchantId, target.customer_id ?? "");
  const cards = await tx.card.findMany({ where: { customerPk }, select: { id: true }, orderBy: { id: "asc" } });
  return cards.map((card) => card.id);
}

async function recordHistory(tx: Tx, actor: Actor, cardIds: string[], kind: "hold" | "release", reason: string | null): Promise<void> {
  if (cardIds.length === 0) return;
  await tx.cardHistory.createMany({
    data: cardIds.map((cardId) => ({ merchantId: actor.merchantId, cardId, kind, reason, actor: actor.actor })),
  });
  await recordAuditMany(
    tx,
    actor,
    cardIds.map((id) => ({ action: `card.au_${kind}`, type: "card", id })),
  );
}
