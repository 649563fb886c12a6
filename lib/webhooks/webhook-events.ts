import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getWebhookOrThrow, lockWebhookOrThrow } from "./get-webhook-or-throw";

/** The events a webhook is subscribed to. */
export async function listWebhookEvents(merchantId: bigint, webhookId: number): Promise<{ events: string[] }> {
  const row = await getWebhookOrThrow(getDb(), merchantId, webhookId);
  return { events: JSON.parse(row.events) as string[] };
}

/** Subscribes the webhook to one more event (already subscribed: no change), or unsubscribes it. */
export async function changeWebhookEvent(actor: Actor, webhookId: number, event: string, change: "add" | "remove"): Promise<{ events: string[] }> {
  return writeTransaction(async (tx) => {
    const row = await lockWebhookOrThrow(tx, actor.merchantId, webhookId);
    const current = JSON.parse(row.events) as string[];
    const next = change === "add" ? [...new Set([...current, event])] : current.filter((e) => e !== event);
    if (next.length !== current.length) {
      await tx.webhook.update({ where: { id: webhookId }, data: { events: JSON.stringify(next) } });
      await recordAudit(tx, actor, change === "add" ? "webhook.event_add" : "webhook.event_remove", { type: "webhook", id: `${webhookId}:${event}` });
    }
    return { events: next };
  });
}
