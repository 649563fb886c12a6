import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { ApiError } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";

/**
 * Turns "every user needs a second factor" on or off for a merchant. The
 * owner turning it on must have enrolled first, so they cannot lock
 * themselves into an enrolment they did not mean to start.
 */
export async function setRequireTotp(actor: Actor & { userId: number }, requireTotp: boolean): Promise<void> {
  await writeTransaction(async (tx) => {
    if (requireTotp) {
      const me = await tx.user.findUnique({ where: { id: actor.userId }, select: { totpSecretSealed: true } });
      if (!me?.totpSecretSealed) throw new ApiError("conflict", "Set up your own second factor before requiring one for everyone.");
    }
    await tx.merchant.update({ where: { id: actor.merchantId }, data: { requireTotp } });
    await recordAudit(tx, actor, requireTotp ? "merchant.require_totp_on" : "merchant.require_totp_off", { type: "merchant", id: String(actor.merchantId) });
  });
}
