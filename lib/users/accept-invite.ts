import "#server-only";
import { ApiError } from "../errors/api-error";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { hashNewPassword, insertUser } from "./create-user";
import { hashInviteToken } from "./invite-user";

const GONE = "This invitation has expired or was already used. Ask for a new one.";

/** What the invitation page shows before the invitee chooses a password; null for a dead link. */
export async function findInvite(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const invite = await getDb().userInvite.findUnique({
    where: { id: hashInviteToken(token) },
    select: { email: true, role: true, acceptedAt: true, expiresAt: true, merchantId: true },
  });
  if (!invite || invite.acceptedAt || invite.expiresAt <= now) return null;
  const merchant = await getDb().merchant.findUniqueOrThrow({ where: { id: invite.merchantId }, select: { name: true } });
  return { email: invite.email, role: invite.role, merchantName: merchant.name };
}

/**
 * Accepts an invitation: the invitee's password becomes a new user with the
 * invited role. The invitation is spent with a compare-and-set in the same
 * transaction as the insert, so a link works once even if sent twice at once.
 */
export async function acceptInvite(options: { token: string; password: string; now?: Date }) {
  const now = options.now ?? new Date();
  const passwordHash = await hashNewPassword(options.password);
  const id = hashInviteToken(options.token);
  return writeTransaction(async (tx) => {
    const { count } = await tx.userInvite.updateMany({ where: { id, acceptedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
    if (count === 0) throw new ApiError("not_found", GONE);
    const invite = await tx.userInvite.findUniqueOrThrow({ where: { id } });
    return insertUser(tx, { merchantId: invite.merchantId, email: invite.email, role: invite.role, passwordHash, actor: `invite:${invite.invitedBy}` });
  });
}
