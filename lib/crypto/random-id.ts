import { randomBytes } from "node:crypto";

/** Returns 32 lowercase hex characters (128 random bits), e.g. for card_id and checkout_id. */
export function randomHexId(): string {
  return randomBytes(16).toString("hex");
}

/** Returns `bytes` random bytes as unpadded base64url. */
export function randomToken(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1) throw new RangeError("randomToken: bytes must be a positive integer");
  return randomBytes(bytes).toString("base64url");
}
