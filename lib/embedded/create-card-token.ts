import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import type { FieldErrors } from "../errors/api-error";
import type { Actor } from "../audit/record-audit";
import { addressRetryAfterSeconds } from "../checkout/address-limit";
import type { StoreOutcome } from "../checkout/submit-card-form";
import { prepareCard } from "../vault/prepare-card";
import type { AddBillingCardInput } from "../vault/schemas";
import { hashTransientKey } from "./transient-key";
import type { CardToken } from "./card-token-message";
import { storeCardToken } from "./card-token-row";
import { countKeyFailure } from "./key-failure";

/** The form's answer: the token, the form used up (or never usable), or a charge whose outcome is not known. */
export type TokenResult = { token: CardToken } | { unusable: true } | { pending: true };

/**
 * The embedded form's submit for a key made without an amount: seals the
 * card as a pending card whose id is a single-use token, and uses up the
 * transient key, in one transaction. The merchant's server attaches the
 * token to a customer with POST .../billing (lib/vault/claim-card-token.ts).
 * Failed submissions count against the key (used up at the link's limit)
 * and the client address, as on hosted links. A key made with an amount is
 * lib/embedded/pay-with-embedded-form.ts's: here it is unusable, so no
 * token ever comes from it unpaid.
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
    const key = await tx.transientKey.findUnique({ where: { hash }, select: { merchantId: true, usedAt: true, expiresAt: true, amountMinor: true } });
    if (!key || key.usedAt !== null || key.expiresAt <= now || key.amountMinor !== null) return { kind: "done", value: { unusable: true } };
    const retryAfterSeconds = await addressRetryAfterSeconds(tx, from.clientAddress);
    if (retryAfterSeconds > 0) return { kind: "throttled", retryAfterSeconds };
    const actor: Actor = { merchantId: key.merchantId, actor: `embedded:${hash.slice(0, 16)}`, ...from };
    const errors: FieldErrors = { ...rejected };
    const card = rejected ? null : prepareCard(input, key.merchantId, "", errors, now);
    if (!card) {
      const failed = await countKeyFailure(tx, hash, { clientAddress: from.clientAddress, now, reopen: false });
      return failed.usedUp ? { kind: "done", value: { unusable: true } } : { kind: "invalid", errors, attemptsLeft: failed.attemptsLeft };
    }
    // Taken only if still unused: of two submits at once, one gets the token.
    const claimed = await tx.transientKey.updateMany({ where: { hash, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { kind: "done", value: { unusable: true } };
    return { kind: "done", value: { token: await storeCardToken(tx, actor, card, now) } };
  });
}
