import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { fieldError } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { assertOwnNode, assertReachableTarget } from "./add-webhook";
import { lockWebhookOrThrow } from "./get-webhook-or-throw";
import { sealForWebhook } from "./webhook-secrets";
import { webhookSelect, webhookToResponse } from "./to-response";
import type { EditWebhookInput, WebhookResponse } from "./schemas";

/** Partial update: omitted fields stay; `events`, when sent, replaces the whole set. */
export async function editWebhook(actor: Actor, webhookId: number, input: EditWebhookInput): Promise<WebhookResponse> {
  assertOwnNode(actor.merchantId, input.webhook_node);
  if (input.notification_url !== undefined) await assertReachableTarget(input.notification_url);
  const row = await writeTransaction(async (tx) => {
    const current = await lockWebhookOrThrow(tx, actor.merchantId, webhookId);
    const authType = input.auth_type ?? current.authType;
    if (input.auth_settings && authType !== "BASIC") throw fieldError("auth_settings", "applies only when auth_type is BASIC");
    if (authType === "BASIC" && !input.auth_settings && current.authType !== "BASIC") {
      throw fieldError("auth_settings", "is required when auth_type is BASIC");
    }
    const auth = authColumns(authType, input.auth_settings, actor.merchantId, webhookId);
    const updated = await tx.webhook.update({
      where: { id: webhookId },
      data: {
        ...(input.label !== undefined ? { label: input.label } : {}),
        ...(input.notification_url !== undefined ? { notificationUrl: input.notification_url } : {}),
        ...(input.events !== undefined ? { events: JSON.stringify(input.events) } : {}),
        ...(input.email_address !== undefined ? { emailAddresses: JSON.stringify(input.email_address) } : {}),
        ...auth,
      },
      select: webhookSelect,
    });
    await recordAudit(tx, actor, "webhook.update", { type: "webhook", id: String(webhookId) });
    return updated;
  });
  return webhookToResponse(row);
}

/** The auth columns to write: cleared for NONE, new sealed credentials when sent, else unchanged. */
function authColumns(authType: string, settings: EditWebhookInput["auth_settings"], merchantId: bigint, webhookId: number) {
  if (authType === "NONE") return { authType, authUserName: null, authPasswordSealed: null, authPasswordKekVersion: null };
  if (!settings) return { authType };
  const sealed = sealForWebhook(settings.user_password, merchantId, webhookId, "auth-password");
  return { authType, authUserName: settings.user_name, authPasswordSealed: sealed.sealed, authPasswordKekVersion: sealed.kekVersion };
}
