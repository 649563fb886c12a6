import "#server-only";
import { gcmDecrypt, gcmEncrypt } from "./aes-gcm";
import { wrapAad, type SealedParts, type WrapSection } from "./sealed-format";

/** Encrypts a data key under a KEK, bound to the caller's aad. */
export function wrapDataKey(kek: Buffer, dataKey: Buffer, aad: string): WrapSection {
  const { iv, ciphertext, tag } = gcmEncrypt(kek, dataKey, wrapAad(aad));
  return { iv, wrappedKey: ciphertext, tag };
}

/** Decrypts a blob's data key; the caller must zero the result when done. */
export function unwrapDataKey(kek: Buffer, parts: SealedParts, aad: string): Buffer {
  const { iv, wrappedKey, tag } = parts.wrap;
  return gcmDecrypt(kek, iv, wrappedKey, tag, wrapAad(aad), "key wrap");
}
