import "#server-only";
import type { Tx } from "../../db/client";
import { ineligibleReason, REJECT_REASONS } from "../eligibility";
import type { RejectedCard, ResultInput } from "./request-rows";

// Vault cards a merchant names in a request (/aus/request/create, and the
// card_id entries of /aus/add): each becomes a result to send, or a rejected
// card with its reason. Read inside the request's transaction, so a hold or
// a replacement that commits first is seen.

export type VaultCardEntry = { result: ResultInput } | { rejected: RejectedCard };

/** Each named card_id's fate, by card_id: another merchant's card is "not found", exactly as an unknown one. */
export async function vaultCardEntries(tx: Tx, merchantId: bigint, cardIds: string[], today: number): Promise<Map<string, VaultCardEntry>> {
  const cards = await tx.card.findMany({
    where: { merchantId, id: { in: cardIds } },
    select: { id: true, fingerprint: true, maskedNumber: true, cardType: true, expDate: true, auHold: true, replacedBy: true },
  });
  const byId = new Map(cards.map((card) => [card.id, card]));
  const entries = new Map<string, VaultCardEntry>();
  for (const cardId of cardIds) {
    const card = byId.get(cardId);
    const reason = card ? ineligibleReason(card, today) : "not_found";
    if (!card || reason) {
      entries.set(cardId, { rejected: { card_id: cardId, reject_reason: REJECT_REASONS[reason ?? "not_found"] } });
      continue;
    }
    entries.set(cardId, {
      result: { cardId, fingerprint: card.fingerprint, maskedNumber: card.maskedNumber, cardType: card.cardType, expDate: card.expDate },
    });
  }
  return entries;
}
