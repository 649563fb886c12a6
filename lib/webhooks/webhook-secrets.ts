import "#server-only";
import { randomInt } from "node:crypto";
import { toDbBytes } from "../db/bytes";
import { openSealed, seal } from "../crypto/seal";

// A webhook's signing secret and its Basic-auth password are sealed like
// card numbers (lib/crypto): the worker needs them back to sign and to
// authenticate. The associated data names merchant and webhook, so a
// sealed value moved to another row does not open.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 32 letters and digits (the reference: "up to 32 AN"), about 190 bits. */
export function newWebhookSecret(): string {
  let secret = "";
  for (let i = 0; i < 32; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
  return secret;
}

export type SealedPart = "secret" | "auth-password";

export function webhookAad(merchantId: bigint, webhookId: number, part: SealedPart): string {
  return `webhook-${part}:${merchantId}:${webhookId}`;
}

export function sealForWebhook(value: string, merchantId: bigint, webhookId: number, part: SealedPart) {
  const sealed = seal(value, webhookAad(merchantId, webhookId, part));
  return { sealed: toDbBytes(sealed.sealed), kekVersion: sealed.kekVersion };
}

export function openForWebhook(sealed: Uint8Array, merchantId: bigint, webhookId: number, part: SealedPart): string {
  return openSealed(sealed, webhookAad(merchantId, webhookId, part));
}
