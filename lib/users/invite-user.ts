import "#server-only";
import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { getEnv } from "../env";
import { checkRole, normaliseEmail } from "./create-user";

/** How long an invitation link works. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const hashInviteToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Invites someone to the actor's merchant with a role. The vault sends no
 * mail: the answer carries the one-time link for the inviter to pass on,
 * and only the token's hash is stored. An email that already has a user,
 * or a pending invitation, is a conflict.
 */
export async function inviteUser(options: { actor: Actor; email: string; role: string; now?: Date }) {
  const email = normaliseEmail(options.email);
  checkRole(options.role);
  const now = options.now ?? new Date();
  const token = randomBytes(24).toString("base64url");
  const id = hashInviteToken(token);
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await writeTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new ApiError("conflict", "A user with this email already exists");
    }
    const pending = await tx.userInvite.findFirst({ where: { email, acceptedAt: null, expiresAt: { gt: now } }, select: { id: true } });
    if (pending) throw new ApiError("conflict", "This email already has a pending invitation; revoke it to send a new one");
    await tx.userInvite.create({ data: { id, merchantId: options.actor.merchantId, email, role: options.role, invitedBy: options.actor.actor, expiresAt } });
    await recordAudit(tx, options.actor, "user.invite", { type: "user_invite", id });
  });
  return { inviteId: id, email, role: options.role, expiresAt, link: `${getEnv().PUBLIC_BASE_URL.replace(/\/$/, "")}/portal/invite/${token}` };
}

/** The merchant's invitations not yet accepted or expired, newest first. */
export async function listPendingInvites(options: { merchantId: bigint; now?: Date }) {
  return getDb().userInvite.findMany({
    where: { merchantId: options.merchantId, acceptedAt: null, expiresAt: { gt: options.now ?? new Date() } },
    select: { id: true, email: true, role: true, invitedBy: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Withdraws a pending invitation of the actor's merchant; its link stops working. */
export async function revokeInvite(options: { actor: Actor; inviteId: string }): Promise<void> {
  await writeTransaction(async (tx) => {
    const { count } = await tx.userInvite.deleteMany({ where: { id: options.inviteId, merchantId: options.actor.merchantId, acceptedAt: null } });
    if (count === 0) throw new ApiError("not_found", "Invitation not found");
    await recordAudit(tx, options.actor, "user.invite_revoke", { type: "user_invite", id: options.inviteId });
  });
}
