import "#server-only";
import { createHmac } from "node:crypto";
import { getKeyring } from "./get-keyring";
import type { Keyring } from "./keyring";

/**
 * Lowercase hex HMAC-SHA256 of `value` under the fingerprint key, for finding
 * duplicates without decrypting. Callers pass a domain-separated value such
 * as "card-number:<digits>".
 */
export function fingerprint(value: string, keyring?: Keyring): string {
  const { fingerprintKey } = keyring ?? getKeyring();
  return createHmac("sha256", fingerprintKey).update(value, "utf8").digest("hex");
}
