import "#server-only";
import { getDb, type Db, type Tx } from "../db/client";
import { lockRows } from "../db/locks";
import { Prisma } from "../db/sql";
import { notFound } from "../errors/api-error";
import { webhookSelect, webhookToResponse } from "./to-response";

// webhook_id and delivery_id are "up to 10 digits" in the reference, their
// columns 32-bit integers: a well-formed id past that range cannot exist, so
// it is a 404 (PostgreSQL refuses to compare it, which was a 500).
export const MAX_ROW_ID = 2_147_483_647;

/** The merchant's webhook, or a 404 (another merchant's webhook is unknown here). */
export async function getWebhookOrThrow(db: Db | Tx, merchantId: bigint, webhookId: number) {
  if (webhookId > MAX_ROW_ID) throw notFound("Webhook");
  const row = await db.webhook.findFirst({ where: { id: webhookId, merchantId }, select: webhookSelect });
  if (!row) throw notFound("Webhook");
  return row;
}

/**
 * Inside a transaction: locks the webhook's row (FOR UPDATE on PostgreSQL;
 * SQLite's transactions already take turns) so read-modify-write changes,
 * like adding one event to the set, cannot lose each other's work.
 */
export async function lockWebhookOrThrow(tx: Tx, merchantId: bigint, webhookId: number) {
  if (webhookId > MAX_ROW_ID) throw notFound("Webhook");
  await lockRows(tx, "Webhook", Prisma.sql`"id" = ${webhookId} AND "merchantId" = ${merchantId}`);
  return getWebhookOrThrow(tx, merchantId, webhookId);
}

/** GET /webhook/{id}: the webhook as the API shows it (no secret). */
export async function getWebhook(merchantId: bigint, webhookId: number) {
  return webhookToResponse(await getWebhookOrThrow(getDb(), merchantId, webhookId));
}
