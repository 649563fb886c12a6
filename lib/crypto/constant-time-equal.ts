import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether a secret the caller sent (a CSRF token, a code's hash, a derived
 * password hash) equals the one expected, in time that depends on neither.
 * Both sides are hashed first so that neither a differing length nor the
 * first differing byte shows in the timing; a missing value never matches.
 */
export function constantTimeEqual(expected: string | Uint8Array, given: string | Uint8Array | null | undefined): boolean {
  if (given === null || given === undefined) return false;
  return timingSafeEqual(digest(expected), digest(given));
}

function digest(value: string | Uint8Array): Buffer {
  return createHash("sha256").update(value).digest();
}
