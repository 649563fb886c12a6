import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit } from "../audit/record-audit";
import { LOCKOUT_MS } from "./verify-sign-in";
import { matchRecoveryCode, verifyTotp } from "./totp";
import { openTotpSecret } from "./totp-secret";

/**
 * Wrong codes in a row (app or recovery codes alike) before the user is
 * locked. Counted apart from wrong passwords: a right password resets the
 * password count, and someone who knows the password must not earn a fresh
 * batch of code guesses by signing in again.
 */
export const MAX_FAILED_SECOND_FACTORS = 10;

export type SecondFactorResult = { ok: true; usedRecoveryCode: boolean } | { ok: false; reason: "invalid" | "locked" };

/**
 * Checks the sign-in's second step: a code from the user's app, or one of
 * their recovery codes (struck out once used). A code's time step is
 * remembered, so the same code cannot be used twice, even by two requests
 * at once (the step is written with a compare-and-set). Ten wrong codes in
 * a row lock the user for the same 30 minutes as ten wrong passwords. One
 * lock rather than two: the password step already refuses a locked user,
 * so a code lock also stops new sign-ins, and the user sees one rule and
 * one message. Only a right code (or recovery code) resets the count.
 */
export async function verifySecondFactor(userId: number, input: string, now = new Date()): Promise<SecondFactorResult> {
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user || !user.totpSecretSealed) return { ok: false, reason: "invalid" };
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked" };
  const actor = { merchantId: user.merchantId, actor: `user:${user.id}` };
  const target = { type: "user" as const, id: String(user.id) };

  const code = input.trim();
  const step = /^\d[\d\s]*$/.test(code) ? await verifyTotp(openTotpSecret(user.merchantId, user.id, user.totpSecretSealed), code, now) : null;
  if (step !== null) {
    const claimed = await writeTransaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
        data: { totpLastStep: step, failedSignIns: 0, failedSecondFactors: 0, lastSignInAt: now },
      });
      if (count === 1) await recordAudit(tx, actor, "user.second_factor", target);
      return count === 1;
    });
    if (claimed) return { ok: true, usedRecoveryCode: false };
  } else {
    const hashes = JSON.parse(user.recoveryCodeHashes) as string[];
    const index = matchRecoveryCode(code, hashes);
    if (index >= 0) {
      const remaining = hashes.filter((_, i) => i !== index);
      const used = await writeTransaction(async (tx) => {
        // The old list in the WHERE: two requests with the same code, one wins.
        const { count } = await tx.user.updateMany({
          where: { id: user.id, recoveryCodeHashes: user.recoveryCodeHashes },
          data: { recoveryCodeHashes: JSON.stringify(remaining), failedSignIns: 0, failedSecondFactors: 0, lastSignInAt: now },
        });
        if (count === 1) await recordAudit(tx, actor, "user.recovery_code_used", target);
        return count === 1;
      });
      if (used) return { ok: true, usedRecoveryCode: true };
    }
  }

  return writeTransaction(async (tx) => {
    // An increment in the database, so guesses from several processes add up.
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { failedSecondFactors: { increment: 1 } },
      select: { failedSecondFactors: true },
    });
    await recordAudit(tx, actor, "user.second_factor_failed", target);
    if (updated.failedSecondFactors >= MAX_FAILED_SECOND_FACTORS) {
      await tx.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(now.getTime() + LOCKOUT_MS), failedSecondFactors: 0 } });
      await recordAudit(tx, actor, "user.lock", target);
      return { ok: false as const, reason: "locked" as const };
    }
    return { ok: false as const, reason: "invalid" as const };
  });
}
