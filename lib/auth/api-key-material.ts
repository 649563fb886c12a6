import { createHash, randomBytes } from "node:crypto";

// API keys are 32 random bytes, so a fast hash is enough to store them: there
// is no low-entropy secret for a slow KDF to protect, and the hash is looked
// up on every request.
const KEY_PREFIX = "cvk_";

/** A new API key: the secret (shown once), its hash (stored) and a display prefix. */
export function newApiKeyMaterial(): { key: string; hash: string; prefix: string } {
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, hash: hashApiKey(key), prefix: key.slice(0, KEY_PREFIX.length + 6) };
}

/** The stored form of an API key. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}
