import "#server-only";
import { gcmDecrypt } from "./aes-gcm";
import { unwrapDataKey, wrapDataKey } from "./data-key";
import type { Keyring } from "./keyring";
import { keyringWith, requireKek } from "./resolve-kek";
import { buildSealed, checkAad, dataAad, parseSealed } from "./sealed-format";

/**
 * Re-wraps a blob's data key under KEK `toVersion` (default: active) for key
 * rotation. The data section is copied byte for byte; only the header and
 * wrap section change.
 */
export function rewrapSealed(sealed: Uint8Array, aad: string, toVersion?: number, keyring?: Keyring): { sealed: Buffer; kekVersion: number } {
  checkAad(aad);
  const parts = parseSealed(sealed);
  const ring = keyringWith(keyring, toVersion === undefined ? [parts.kekVersion] : [parts.kekVersion, toVersion]);
  const target = toVersion ?? ring.activeKekVersion;
  const dataKey = unwrapDataKey(requireKek(ring, parts.kekVersion), parts, aad);
  try {
    // Prove the data layer still opens: rotation must not carry a corrupt
    // blob forward under a fresh, valid-looking wrap.
    gcmDecrypt(dataKey, parts.dataIv, parts.ciphertext, parts.dataTag, dataAad(aad), "data").fill(0);
    const wrap = wrapDataKey(requireKek(ring, target), dataKey, aad);
    return { sealed: buildSealed(target, wrap, parts.dataSection), kekVersion: target };
  } finally {
    dataKey.fill(0);
  }
}
