import "#server-only";
import { z } from "zod";
import { writeTransaction } from "../db/write-transaction";
import { parseOptions } from "../errors/parse-options";
import { recordAudit, type Actor } from "../audit/record-audit";
import { lockMerchantUser } from "./owner-guard";

const UnlockUserSchema = z.object({
  userId: z.number({ error: "must be an integer" }).int("must be an integer").positive("must be a positive integer"),
});

export type UnlockedUser = { userId: number; email: string; wasLocked: boolean };

/**
 * Lets one of the actor's merchant's users sign in again at once: ends their
 * lock and sets both failure counts (passwords and second-factor codes) back
 * to 0, with an audit row (user.unlock). Anyone can lock a user by guessing
 * at their email; this is how an owner undoes it without waiting 30 minutes.
 * A user with no lock and no failures changes nothing and records nothing.
 */
export async function unlockUser(options: { actor: Actor; userId: number; now?: Date }): Promise<UnlockedUser> {
  const { userId } = parseOptions(UnlockUserSchema, { userId: options.userId });
  const { actor } = options;
  const now = options.now ?? new Date();
  return writeTransaction(async (tx) => {
    const user = await lockMerchantUser(tx, actor.merchantId, userId);
    const counts = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true, failedSignIns: true, failedSecondFactors: true } });
    const wasLocked = counts.lockedUntil !== null && counts.lockedUntil > now;
    if (!wasLocked && counts.lockedUntil === null && counts.failedSignIns === 0 && counts.failedSecondFactors === 0) {
      return { userId, email: user.email, wasLocked };
    }
    await tx.user.update({ where: { id: userId }, data: { lockedUntil: null, failedSignIns: 0, failedSecondFactors: 0 } });
    await recordAudit(tx, actor, "user.unlock", { type: "user", id: String(userId) });
    return { userId, email: user.email, wasLocked };
  });
}
