import "#server-only";
import type { Actor } from "../audit/record-audit";
import { addressRetryAfterSeconds } from "../checkout/address-limit";
import type { Tx } from "../db/client";
import type { FieldErrors } from "../errors/api-error";
import { typedDigits } from "../payments/typed-card-charge";
import { prepareCard, type PreparedCard } from "../vault/prepare-card";
import type { AddBillingCardInput } from "../vault/schemas";
import { countKeyFailure } from "./key-failure";

// The first steps of both embedded-form submits, a token's
// (create-card-token.ts) and a payment's (pay-with-embedded-form.ts): the
// key must be unused, unexpired and of the submit's kind (with an amount or
// without); the client address under its limit; the card valid, a refusal
// counted against the key and the address; then the key is taken, so of two
// submits at once only one goes on.

const KEY_SELECT = {
  merchantId: true,
  usedAt: true,
  expiresAt: true,
  amountMinor: true,
  currency: true,
  requestType: true,
  merchRefNum: true,
  purchaseId: true,
} as const;

export type TakenKey = {
  kind: "taken";
  key: {
    merchantId: bigint;
    amountMinor: bigint | null;
    currency: number | null;
    requestType: string | null;
    merchRefNum: string | null;
    purchaseId: string | null;
  };
  actor: Actor;
  card: PreparedCard;
  /** The number's digits, for a connector's call. */
  digits: string;
};

export type KeyRefusal =
  | { kind: "done"; value: { unusable: true } }
  | { kind: "invalid"; errors: FieldErrors; attemptsLeft: number }
  | { kind: "throttled"; retryAfterSeconds: number };

export async function takeKeyForSubmit(
  tx: Tx,
  hash: string,
  input: AddBillingCardInput,
  from: { clientAddress: string | null; requestId: string; now: Date; charging: boolean },
  rejected?: FieldErrors,
): Promise<TakenKey | KeyRefusal> {
  const { now } = from;
  const unusable = { kind: "done", value: { unusable: true } } as const;
  const key = await tx.transientKey.findUnique({ where: { hash }, select: KEY_SELECT });
  if (!key || key.usedAt !== null || key.expiresAt <= now) return unusable;
  // A key with an amount is only ever paid, so no token comes from it unpaid; one without never charges.
  if (from.charging !== (key.amountMinor !== null && key.currency !== null)) return unusable;
  const retryAfterSeconds = await addressRetryAfterSeconds(tx, from.clientAddress);
  if (retryAfterSeconds > 0) return { kind: "throttled", retryAfterSeconds };
  const actor: Actor = { merchantId: key.merchantId, actor: `embedded:${hash.slice(0, 16)}`, clientAddress: from.clientAddress, requestId: from.requestId };
  const errors: FieldErrors = { ...rejected };
  const card = rejected ? null : prepareCard(input, key.merchantId, "", errors, now);
  const digits = typedDigits(input);
  if (!card || !digits) {
    const failed = await countKeyFailure(tx, hash, { clientAddress: from.clientAddress, now, reopen: false });
    return failed.usedUp ? unusable : { kind: "invalid", errors, attemptsLeft: failed.attemptsLeft };
  }
  // Taken only if still unused: of two submits at once, one goes on.
  const claimed = await tx.transientKey.updateMany({ where: { hash, usedAt: null }, data: { usedAt: now } });
  if (claimed.count !== 1) return unusable;
  return { kind: "taken", key, actor, card, digits };
}
