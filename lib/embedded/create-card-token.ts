import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import type { FieldErrors } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { addressRetryAfterSeconds, recordAddressFailure } from "../checkout/address-limit";
import { CHECKOUT_MAX_FAILED_ATTEMPTS } from "../checkout/capture-card";
import type { StoreOutcome } from "../checkout/submit-card-form";
import { prepareCard } from "../vault/prepare-card";
import type { AddBillingCardInput } from "../vault/schemas";
import { hashTransientKey } from "./transient-key";
import type { CardToken } from "./card-token-message";

/** An unclaimed card token expires after this long. */
export const CARD_TOKEN_TTL_MS = 30 * 60 * 1000;

export type TokenResult = { token: CardToken } | { unusable: true };

/**
 * The embedded form's submit: seals the card as a pending card whose id is a
 * single-use token, and uses up the transient key, in one transaction. The
 * merchant's server attaches the token to a customer with POST .../billing
 * (lib/vault/claim-card-token.ts). Failed submissions count against the key
 * (used up at the link's limit) and the client address, as on hosted links.
 */
export async function createCardToken(
  transientKey: string,
  input: AddBillingCardInput,
  from: { clientAddress: string | null; requestId: string },
  rejected?: FieldErrors,
): Promise<StoreOutcome<TokenResult>> {
  const hash = hashTransientKey(transientKey);
  const now = new Date();
  return writeTransaction(async (tx): Promise<StoreOutcome<TokenResult>> => {
    const key = await tx.transientKey.findUnique({ where: { hash }, select: { merchantId: true, failedAttempts: true, usedAt: true, expiresAt: true } });
    if (!key || key.usedAt !== null || key.expiresAt <= now) return { kind: "done", value: { unusable: true } };
    const retryAfterSeconds = await addressRetryAfterSeconds(tx, from.clientAddress);
    if (retryAfterSeconds > 0) return { kind: "throttled", retryAfterSeconds };
    const actor: Actor = { merchantId: key.merchantId, actor: `embedded:${hash.slice(0, 16)}`, ...from };
    const errors: FieldErrors = { ...rejected };
    const card = rejected ? null : prepareCard(input, key.merchantId, "", errors, now);
    if (!card) {
      await recordAddressFailure(tx, from.clientAddress);
      const failedAttempts = key.failedAttempts + 1;
      const usedUp = failedAttempts >= CHECKOUT_MAX_FAILED_ATTEMPTS;
      await tx.transientKey.update({ where: { hash }, data: { failedAttempts, ...(usedUp ? { usedAt: now } : {}) } });
      if (usedUp) return { kind: "done", value: { unusable: true } };
      return { kind: "invalid", errors, attemptsLeft: CHECKOUT_MAX_FAILED_ATTEMPTS - failedAttempts };
    }
    // Taken only if still unused: of two submits at once, one gets the token.
    const claimed = await tx.transientKey.updateMany({ where: { hash, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { kind: "done", value: { unusable: true } };
    const expiresAt = new Date(now.getTime() + CARD_TOKEN_TTL_MS);
    const { id, merchantId, fingerprint, maskedNumber, cardType, expDate, sealedNumber, kekVersion, firstName, lastName, addr1, city, state, zip } = card;
    await tx.pendingCard.create({
      data: { id, merchantId, fingerprint, maskedNumber, cardType, expDate, sealedNumber, kekVersion, firstName, lastName, addr1, city, state, zip, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, actor, "card_token.create", { type: "card", id });
    return {
      kind: "done",
      value: { token: { card_id: id, card_number: maskedNumber, card_type: cardType, exp_date: expDate, expiry_time: expiresAt.toISOString() } },
    };
  });
}
