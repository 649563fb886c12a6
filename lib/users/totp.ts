import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { constantTimeEqual } from "../crypto/constant-time-equal";

// The portal's second factor: RFC 6238 TOTP as authenticator apps use it
// (SHA-1, 6 digits, 30 s), through otplib, plus one-time recovery codes.
// These are the rules; enrolment (totp-enrolment.ts), the sealed secret
// (totp-secret.ts) and the sign-in step (verify-second-factor.ts) use them.

const ISSUER = "Customer Vault";
/** One step either side: a phone clock 30 s off still works. */
const TOLERANCE_SECONDS = 30;

/** A new base32 secret (160 bits, the RFC's recommended length). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/**
 * Whether `code` is the secret's code at `now`, one step either way. Returns
 * the time step it matched (to refuse the same code twice), or null.
 */
export async function verifyTotp(secret: string, code: string, now: Date = new Date()): Promise<number | null> {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token, epoch, epochTolerance: TOLERANCE_SECONDS });
  // delta: how many 30 s steps from now's step the code matched.
  return result.valid ? Math.floor(epoch / 30) + result.delta : null;
}

const RECOVERY_CODES = 10;

/**
 * Ten recovery codes (xxxxx-xxxxx, 50 bits each) and their SHA-256 hashes.
 * The codes are shown once; only the hashes are kept. A fast hash is enough:
 * the codes are random, not chosen by a person.
 */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(7).toString("hex").slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256")
    .update(
      code
        .trim()
        .toLowerCase()
        .replace(/[^0-9a-f]/g, ""),
    )
    .digest("hex");
}

/** The index of the stored hash this code matches (to strike it out), or -1. */
export function matchRecoveryCode(code: string, hashes: string[]): number {
  const given = Buffer.from(hashRecoveryCode(code), "hex");
  return hashes.findIndex((hash) => constantTimeEqual(Buffer.from(hash, "hex"), given));
}
