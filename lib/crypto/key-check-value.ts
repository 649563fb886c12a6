import "#server-only";
import { createHmac, hkdfSync } from "node:crypto";
import type { Keyring } from "./keyring";

/*
 * Key check values: for each key, HMAC-SHA256 over a fixed label under a MAC
 * key derived from it (HKDF-SHA256), so a process can tell whether the keys
 * it loaded are the ones a database was sealed with before it opens any
 * value. The KEK itself only ever keys AES-GCM; the derived key only this
 * MAC. The label names the key ("kek:3"), so a check value copied to another
 * version's row does not verify. Nothing about a key can be learnt from its
 * check value beyond "this is (not) the same key".
 */

const DERIVE_INFO = "customer-vault key check v1";
const LABEL = "customer-vault key check value v1";

/** The row name of KEK version `version`'s check value. */
export function kekCheckName(version: number): string {
  return `kek:${version}`;
}

/** The row name of the fingerprint key's check value. */
export const FINGERPRINT_CHECK_NAME = "fingerprint";

/** The KEK version a check value row names, or null for the fingerprint key's (or an unknown name). */
export function kekVersionOfCheckName(name: string): number | null {
  const match = /^kek:([1-9][0-9]{0,9})$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** The check value of one key under its row name. */
export function keyCheckValue(key: Buffer, name: string): Buffer {
  const macKey = Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), DERIVE_INFO, 32));
  try {
    return createHmac("sha256", macKey).update(`${LABEL}:${name}`, "utf8").digest();
  } finally {
    macKey.fill(0);
  }
}

/** Every check value a keyring should have: one per KEK version and one for the fingerprint key, by row name. */
export function expectedKeyCheckValues(keyring: Keyring): Map<string, Buffer> {
  const values = new Map<string, Buffer>();
  for (const [version, kek] of keyring.keks) values.set(kekCheckName(version), keyCheckValue(kek, kekCheckName(version)));
  values.set(FINGERPRINT_CHECK_NAME, keyCheckValue(keyring.fingerprintKey, FINGERPRINT_CHECK_NAME));
  return values;
}
