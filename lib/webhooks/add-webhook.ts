import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, fieldError } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvent } from "../events/record-event";
import { VALIDATE_URL_EVENT } from "../events/event-types";
import { newWebhookSecret, sealForWebhook } from "./webhook-secrets";
import { webhookSelect, webhookToResponse } from "./to-response";
import { resolvesToBlockedTarget } from "../urls/target-address";
import type { AddWebhookInput, WebhookResponse } from "./schemas";

/**
 * Adds a webhook and queues a validate_url event for it alone. The secret is
 * in this answer and never again (rotate it to get a new one).
 */
export async function addWebhook(actor: Actor, input: AddWebhookInput): Promise<WebhookResponse> {
  assertOwnNode(actor.merchantId, input.webhook_node);
  await assertReachableTarget(input.notification_url);
  const secret = newWebhookSecret();
  const row = await writeTransaction(async (tx) => {
    const created = await tx.webhook.create({
      data: {
        merchantId: actor.merchantId,
        label: input.label,
        notificationUrl: input.notification_url,
        events: JSON.stringify(input.events ?? []),
        emailAddresses: JSON.stringify(input.email_address ?? []),
        authType: input.auth_type ?? "NONE",
        // The seals name the webhook's id, known only once the row exists.
        secretSealed: new Uint8Array(0),
        secretKekVersion: 0,
      },
      select: { id: true },
    });
    const sealedSecret = sealForWebhook(secret, actor.merchantId, created.id, "secret");
    const password = input.auth_type === "BASIC" && input.auth_settings ? input.auth_settings : null;
    const sealedPassword = password ? sealForWebhook(password.user_password, actor.merchantId, created.id, "auth-password") : null;
    const row = await tx.webhook.update({
      where: { id: created.id },
      data: {
        secretSealed: sealedSecret.sealed,
        secretKekVersion: sealedSecret.kekVersion,
        authUserName: password?.user_name ?? null,
        authPasswordSealed: sealedPassword?.sealed ?? null,
        authPasswordKekVersion: sealedPassword?.kekVersion ?? null,
      },
      select: webhookSelect,
    });
    await recordAudit(tx, actor, "webhook.create", { type: "webhook", id: String(created.id) });
    const check = { webhook_id: created.id, label: input.label, notification_url: input.notification_url };
    await recordEvent(tx, actor.merchantId, VALIDATE_URL_EVENT, check, created.id);
    return row;
  });
  return { ...webhookToResponse(row), secret };
}

/** A webhook belongs to the key's own merchant: naming another node is a 403. */
export function assertOwnNode(merchantId: bigint, node: string | undefined): void {
  if (node !== undefined && node !== "0" && BigInt(node) !== merchantId) {
    throw new ApiError("forbidden", "This API key cannot manage webhooks of that webhook_node");
  }
}

/**
 * A URL whose host is, or resolves now to, a loopback or private address is
 * refused when saved (unless the operator allows such targets). Every
 * delivery checks the address again, so this is the early, friendly half.
 */
export async function assertReachableTarget(url: string): Promise<void> {
  if (await resolvesToBlockedTarget(url)) {
    throw fieldError("notification_url", "must reach a public address: this one is, or resolves to, a loopback or private address");
  }
}
