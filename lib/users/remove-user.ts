import "#server-only";
import { z } from "zod";
import { writeTransaction } from "../db/write-transaction";
import { parseOptions } from "../errors/parse-options";
import { recordAudit, type Actor } from "../audit/record-audit";
import { assertAnotherOwner, lockMerchantUser } from "./owner-guard";

const RemoveUserSchema = z.object({
  userId: z.number({ error: "must be an integer" }).int("must be an integer").positive("must be a positive integer"),
});

export type RemovedUser = { userId: number; email: string; role: string };

/**
 * Deletes one of the actor's merchant's users, with an audit row
 * (user.remove); rows that reference the user go with it (onDelete: Cascade).
 * Removing the merchant's last owner is a conflict.
 */
export async function removeUser(options: { actor: Actor; userId: number }): Promise<RemovedUser> {
  const { userId } = parseOptions(RemoveUserSchema, { userId: options.userId });
  const { actor } = options;
  return writeTransaction(async (tx) => {
    const user = await lockMerchantUser(tx, actor.merchantId, userId);
    if (user.role === "owner") await assertAnotherOwner(tx, actor.merchantId, userId);
    await tx.user.delete({ where: { id: userId } });
    await recordAudit(tx, actor, "user.remove", { type: "user", id: String(userId) });
    return { userId, email: user.email, role: user.role };
  });
}
