import "#server-only";
import { getDb } from "../../db/client";

// Whether each of a customer's cards is kept out of Account Updater
// harvests, and why, for the customer's page.

export type CardHoldState = {
  isOnHold: boolean;
  /** merchant, or the answer's reason code (203 closed, 204 contact cardholder). */
  holdReason: string | null;
  /** The older card of the same customer this card duplicated after an update, if any. */
  replacedBy: string | null;
};

/** The hold state of each of the merchant's cards named (a card that is not the merchant's is absent). */
export async function cardHoldStates(merchantId: bigint, cardIds: string[]): Promise<Map<string, CardHoldState>> {
  if (cardIds.length === 0) return new Map();
  const rows = await getDb().card.findMany({
    where: { merchantId, id: { in: cardIds } },
    select: { id: true, auHold: true, auHoldReason: true, replacedBy: true },
  });
  return new Map(rows.map((row) => [row.id, { isOnHold: row.auHold, holdReason: row.auHoldReason, replacedBy: row.replacedBy }]));
}
