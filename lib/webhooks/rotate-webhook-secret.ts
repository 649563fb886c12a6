import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { lockWebhookOrThrow } from "./get-webhook-or-throw";
import { newWebhookSecret, sealForWebhook } from "./webhook-secrets";
import { webhookToResponse } from "./to-response";
import type { WebhookResponse } from "./schemas";

/** How long deliveries carry the old secret's signature beside the new one. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

/**
 * Gives the webhook a new secret (in this answer only). For the next 24
 * hours every delivery is signed with both, new first, so the receiver can
 * switch over without dropping a request.
 */
export async function rotateWebhookSecret(actor: Actor, webhookId: number): Promise<WebhookResponse> {
  const secret = newWebhookSecret();
  const sealed = sealForWebhook(secret, actor.merchantId, webhookId, "secret");
  const row = await writeTransaction(async (tx) => {
    const current = await lockWebhookOrThrow(tx, actor.merchantId, webhookId);
    const old = await tx.webhook.findUniqueOrThrow({ where: { id: webhookId }, select: { secretSealed: true, secretKekVersion: true } });
    await tx.webhook.update({
      where: { id: webhookId },
      data: {
        secretSealed: sealed.sealed,
        secretKekVersion: sealed.kekVersion,
        previousSecretSealed: old.secretSealed,
        previousSecretKekVersion: old.secretKekVersion,
        previousSecretExpiresAt: new Date(Date.now() + SECRET_OVERLAP_MS),
      },
    });
    await recordAudit(tx, actor, "webhook.rotate_secret", { type: "webhook", id: String(webhookId) });
    return current;
  });
  return { ...webhookToResponse(row), secret };
}
