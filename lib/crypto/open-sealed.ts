import "#server-only";
import { gcmDecrypt } from "./aes-gcm";
import { unwrapDataKey } from "./data-key";
import type { Keyring } from "./keyring";
import { keyringWith, requireKek } from "./resolve-kek";
import { checkAad, dataAad, parseSealed } from "./sealed-format";

/**
 * Decrypts a sealed blob made for `aad`. Throws CryptoError for an unknown
 * format, an unknown KEK version, or any authentication failure.
 */
export function openSealed(sealed: Uint8Array, aad: string, keyring?: Keyring): string {
  checkAad(aad);
  const parts = parseSealed(sealed);
  const ring = keyringWith(keyring, [parts.kekVersion]);
  const dataKey = unwrapDataKey(requireKek(ring, parts.kekVersion), parts, aad);
  try {
    const plaintext = gcmDecrypt(dataKey, parts.dataIv, parts.ciphertext, parts.dataTag, dataAad(aad), "data");
    try {
      return plaintext.toString("utf8");
    } finally {
      plaintext.fill(0);
    }
  } finally {
    dataKey.fill(0);
  }
}
