import "#server-only";
import type { Tx } from "../db/client";
import { recordAddressFailure } from "../checkout/address-limit";
import { CHECKOUT_MAX_FAILED_ATTEMPTS } from "../checkout/capture-card";

export type KeyFailure = { usedUp: true } | { usedUp: false; attemptsLeft: number };

/**
 * A failed submission on a key's form (a card the vault refused, a charge
 * the bank declined), counted against the key and the client address as on
 * hosted links; at the link's limit the key is used up. `reopen`: the
 * submit had reserved the key (a declined charge), and below the limit it
 * is open again. Otherwise the key's use is left alone: a twin submit may
 * have used it meanwhile.
 */
export async function countKeyFailure(tx: Tx, hash: string, from: { clientAddress: string | null; now: Date; reopen: boolean }): Promise<KeyFailure> {
  await recordAddressFailure(tx, from.clientAddress);
  // The increment is the database's, so two failures at once both count.
  const { failedAttempts } = await tx.transientKey.update({ where: { hash }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
  const usedUp = failedAttempts >= CHECKOUT_MAX_FAILED_ATTEMPTS;
  if (usedUp || from.reopen) await tx.transientKey.update({ where: { hash }, data: { usedAt: usedUp ? from.now : null }, select: { hash: true } });
  return usedUp ? { usedUp } : { usedUp, attemptsLeft: CHECKOUT_MAX_FAILED_ATTEMPTS - failedAttempts };
}
