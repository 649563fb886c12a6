import "#server-only";
import { z } from "zod";
import { writeTransaction } from "../db/write-transaction";
import { parseOptions } from "../errors/parse-options";
import { recordAudit, type Actor } from "../audit/record-audit";
import { ROLES } from "./roles";
import { assertAnotherOwner, lockMerchantUser } from "./owner-guard";

const ChangeUserRoleSchema = z.object({
  userId: z.number({ error: "must be an integer" }).int("must be an integer").positive("must be a positive integer"),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
});

export type ChangedUserRole = { userId: number; email: string; previousRole: string; role: string };

/**
 * Gives one of the actor's merchant's users another role, with an audit row
 * (user.role_change). Demoting the merchant's last owner is a conflict;
 * setting the role a user already has changes nothing and records nothing.
 */
export async function changeUserRole(options: { actor: Actor; userId: number; role: string }): Promise<ChangedUserRole> {
  const { userId, role } = parseOptions(ChangeUserRoleSchema, { userId: options.userId, role: options.role });
  const { actor } = options;
  return writeTransaction(async (tx) => {
    const user = await lockMerchantUser(tx, actor.merchantId, userId);
    const changed = { userId, email: user.email, previousRole: user.role, role };
    if (user.role === role) return changed;
    if (user.role === "owner") await assertAnotherOwner(tx, actor.merchantId, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit(tx, actor, "user.role_change", { type: "user", id: String(userId) });
    return changed;
  });
}
