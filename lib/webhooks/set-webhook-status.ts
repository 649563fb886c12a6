import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { lockWebhookOrThrow } from "./get-webhook-or-throw";

/**
 * Enable or disable a webhook. Disabling holds its queued deliveries and
 * stops new ones; enabling (also after a suspension) resumes the held ones
 * that have not expired.
 */
export async function setWebhookStatus(actor: Actor, webhookId: number, status: "ACTIVE" | "DISABLED"): Promise<void> {
  await writeTransaction(async (tx) => {
    await lockWebhookOrThrow(tx, actor.merchantId, webhookId);
    await tx.webhook.update({
      where: { id: webhookId },
      data: status === "ACTIVE" ? { status, suspendedAt: null } : { status },
    });
    // Held past their 48 hours while the webhook was off: not sent any more.
    if (status === "ACTIVE") {
      await tx.webhookDelivery.updateMany({ where: { webhookId, status: "PENDING", expiresAt: { lte: new Date() } }, data: { status: "EXPIRED" } });
    }
    await recordAudit(tx, actor, status === "ACTIVE" ? "webhook.enable" : "webhook.disable", { type: "webhook", id: String(webhookId) });
  });
}
