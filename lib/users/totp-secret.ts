import "#server-only";
import { toDbBytes } from "../db/bytes";
import { openSealed, seal } from "../crypto/seal";

// A user's TOTP secret is sealed like a card number: whoever reads the
// database cannot mint the user's codes. The aad binds it to its user.

export function totpAad(merchantId: bigint, userId: number): string {
  return `user-totp:${merchantId}:${userId}`;
}

export function sealTotpSecret(merchantId: bigint, userId: number, secret: string) {
  const sealed = seal(secret, totpAad(merchantId, userId));
  return { totpSecretSealed: toDbBytes(sealed.sealed), totpKekVersion: sealed.kekVersion };
}

export function openTotpSecret(merchantId: bigint, userId: number, sealed: Uint8Array): string {
  return openSealed(sealed, totpAad(merchantId, userId));
}
