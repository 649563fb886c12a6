import "#server-only";
import type { Tx } from "../db/client";
import { notFound } from "../errors/api-error";

/** The customer's card (id, primary flag, masked details), or a 404: a card_id of another customer is unknown here. */
export async function getCardOrThrow(tx: Tx, customerPk: number, cardId: string) {
  const card = await tx.card.findFirst({
    where: { id: cardId, customerPk },
    select: { id: true, isPrimary: true, maskedNumber: true, cardType: true, expDate: true },
  });
  if (!card) throw notFound("Card");
  return card;
}
