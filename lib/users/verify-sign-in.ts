import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit } from "../audit/record-audit";
import { decoyHash, verifyPassword } from "./password";

export const MAX_FAILED_SIGN_INS = 10;
export const LOCKOUT_MS = 30 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: { id: number; merchantId: bigint; email: string; role: string; hasTotp: boolean; merchantRequiresTotp: boolean } }
  // The reason is for the server (tests, the audit log); the portal answers every refusal alike (lib/portal/sign-in.ts).
  | { ok: false; reason: "invalid" | "locked"; lockedUntil?: Date };

/**
 * Checks an email and password. Ten failures in a row lock the user for
 * 30 minutes, during which even the right password is refused; a success
 * resets the password count, but not the second-factor count
 * (verify-second-factor.ts), which only a right code resets. Every path
 * runs one scrypt verification, an unknown email against a decoy hash and
 * a locked user against their own, so none answers sooner than another:
 * the time taken tells no one which emails exist or which are locked.
 */
export async function verifySignIn(emailInput: string, password: string, now = new Date()): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const user = await getDb().user.findUnique({ where: { email }, include: { merchant: { select: { requireTotp: true } } } });
  if (!user) {
    await verifyPassword(password, await decoyHash());
    return { ok: false, reason: "invalid" };
  }
  const matches = await verifyPassword(password, user.passwordHash);
  // Locked: refused whatever the password, and not counted (the lock does not grow).
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };
  const actor = { merchantId: user.merchantId, actor: `user:${user.id}` };
  return writeTransaction(async (tx) => {
    if (matches) {
      await tx.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null, lastSignInAt: now } });
      await recordAudit(tx, actor, "user.sign_in", { type: "user", id: String(user.id) });
      const hasTotp = user.totpSecretSealed !== null;
      return {
        ok: true as const,
        user: { id: user.id, merchantId: user.merchantId, email: user.email, role: user.role, hasTotp, merchantRequiresTotp: user.merchant.requireTotp },
      };
    }
    // Counted in the database (an increment, not a read-then-write), so
    // guesses spread over several processes add up.
    const updated = await tx.user.update({ where: { id: user.id }, data: { failedSignIns: { increment: 1 } }, select: { failedSignIns: true } });
    await recordAudit(tx, actor, "user.sign_in_failed", { type: "user", id: String(user.id) });
    if (updated.failedSignIns >= MAX_FAILED_SIGN_INS) {
      const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
      await tx.user.update({ where: { id: user.id }, data: { lockedUntil, failedSignIns: 0 } });
      await recordAudit(tx, actor, "user.lock", { type: "user", id: String(user.id) });
      return { ok: false as const, reason: "locked" as const, lockedUntil };
    }
    return { ok: false as const, reason: "invalid" as const };
  });
}
