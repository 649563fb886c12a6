import "#server-only";
import { recordAudit, type Actor } from "../audit/record-audit";
import type { Tx } from "../db/client";
import type { PreparedCard } from "../vault/prepare-card";
import type { CardToken } from "./card-token-message";

/** An unclaimed card token expires after this long. */
export const CARD_TOKEN_TTL_MS = 30 * 60 * 1000;

/**
 * The card kept as a pending card whose id is the single-use token, until
 * the merchant's server claims it (lib/vault/claim-card-token.ts) or it
 * expires; what the form posts to the merchant's page.
 */
export async function storeCardToken(tx: Tx, actor: Actor, card: PreparedCard, now: Date): Promise<CardToken> {
  const expiresAt = new Date(now.getTime() + CARD_TOKEN_TTL_MS);
  const { id, merchantId, fingerprint, maskedNumber, cardType, expDate, sealedNumber, kekVersion, firstName, lastName, addr1, city, state, zip } = card;
  await tx.pendingCard.create({
    data: { id, merchantId, fingerprint, maskedNumber, cardType, expDate, sealedNumber, kekVersion, firstName, lastName, addr1, city, state, zip, expiresAt },
    select: { id: true },
  });
  await recordAudit(tx, actor, "card_token.create", { type: "card", id });
  return { card_id: id, card_number: maskedNumber, card_type: cardType, exp_date: expDate, expiry_time: expiresAt.toISOString() };
}
