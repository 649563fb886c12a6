import "#server-only";
import { randomBytes } from "node:crypto";
import { gcmEncrypt } from "./aes-gcm";
import { wrapDataKey } from "./data-key";
import { getKeyring } from "./get-keyring";
import type { Keyring } from "./keyring";
import { requireKek } from "./resolve-kek";
import { buildSealed, checkAad, dataAad, DATA_KEY_BYTES } from "./sealed-format";

/*
 * Envelope encryption with AES-256-GCM. Sealed blob format v1:
 *
 *   offset  size  field
 *   0       1     format version, 0x01
 *   1       4     KEK version, uint32 big-endian
 *   5       12    wrap IV
 *   17      32    wrapped data key  (AES-256-GCM of the data key under the KEK)
 *   49      16    wrap tag
 *   65      12    data IV
 *   77      n     ciphertext        (AES-256-GCM of the UTF-8 plaintext under the data key)
 *   77+n    16    data tag
 *
 * Every seal uses a fresh random 32-byte data key. Associated data is
 * "cv1:data:" + aad for the data layer and "cv1:wrap:" + aad for the wrap
 * layer (UTF-8), so a blob only opens for the context it was sealed for and
 * the two layers cannot stand in for each other. Key rotation rewrites only
 * bytes 0..64 (see rewrapSealed); the data section never changes.
 */

export { openSealed } from "./open-sealed";
export { rewrapSealed } from "./rewrap-sealed";
export { sealedKekVersion } from "./sealed-format";

// Lone surrogates would be replaced by U+FFFD when encoded, so the value read
// back would differ from the one sealed; refuse instead of corrupting.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Encrypts `plaintext` for context `aad` under the active KEK. */
export function seal(plaintext: string, aad: string, keyring?: Keyring): { sealed: Buffer; kekVersion: number } {
  checkAad(aad);
  if (typeof plaintext !== "string" || LONE_SURROGATE.test(plaintext)) {
    throw new TypeError("plaintext must be a well-formed string");
  }
  const ring = keyring ?? getKeyring();
  const kekVersion = ring.activeKekVersion;
  const kek = requireKek(ring, kekVersion);

  const dataKey = randomBytes(DATA_KEY_BYTES);
  const bytes = Buffer.from(plaintext, "utf8");
  try {
    const data = gcmEncrypt(dataKey, bytes, dataAad(aad));
    const wrap = wrapDataKey(kek, dataKey, aad);
    const dataSection = Buffer.concat([data.iv, data.ciphertext, data.tag]);
    return { sealed: buildSealed(kekVersion, wrap, dataSection), kekVersion };
  } finally {
    dataKey.fill(0);
    bytes.fill(0);
  }
}
