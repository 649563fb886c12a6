import "#server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { CryptoError } from "./crypto-error";
import { IV_BYTES, TAG_BYTES } from "./sealed-format";

/** Encrypts with AES-256-GCM under a fresh random 96-bit IV. */
export function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  // Random IVs are safe here: data keys are single-use, and a KEK would need
  // billions of wraps before a 96-bit IV collision becomes plausible.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts AES-256-GCM, throwing CryptoError("authentication_failed") on any mismatch. */
export function gcmDecrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer, what: string): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(ciphertext);
  try {
    decipher.final();
  } catch {
    // Unauthenticated output must not outlive the failure.
    plaintext.fill(0);
    throw new CryptoError("authentication_failed", `Sealed blob ${what} failed authentication (tampered, wrong aad, or wrong key)`);
  }
  return plaintext;
}
