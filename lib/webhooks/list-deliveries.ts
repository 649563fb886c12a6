import "#server-only";
import { getDb } from "../db/client";
import { notFound } from "../errors/api-error";
import type { ListPage } from "../paging/list-page";
import { getWebhookOrThrow, MAX_ROW_ID } from "./get-webhook-or-throw";
import { attemptToResponse, deliverySelect, deliveryToResponse } from "./to-response";
import type { DeliveriesQuery, DeliveryAttemptResponse, DeliveryResponse } from "./schemas";

/** A webhook's deliveries, newest first (an extension of the reference: Maast shows these only in its portal). */
export async function listDeliveries(merchantId: bigint, webhookId: number, query: DeliveriesQuery): Promise<ListPage<DeliveryResponse>> {
  const db = getDb();
  await getWebhookOrThrow(db, merchantId, webhookId);
  const where = { webhookId, merchantId, ...(query.status ? { status: query.status } : {}) };
  const [totalRecords, rows] = await Promise.all([
    db.webhookDelivery.count({ where }),
    db.webhookDelivery.findMany({ where, orderBy: { id: "desc" }, skip: query.page * query.count, take: query.count, select: deliverySelect }),
  ]);
  return { data: rows.map(deliveryToResponse), totalRecords, page: query.page, count: query.count, orderOn: "delivery_id", orderBy: "desc" };
}

/** One delivery with every attempt, oldest first. */
export async function getDelivery(
  merchantId: bigint,
  webhookId: number,
  deliveryId: number,
): Promise<DeliveryResponse & { attempt_log: DeliveryAttemptResponse[] }> {
  if (webhookId > MAX_ROW_ID || deliveryId > MAX_ROW_ID) throw notFound("Delivery");
  const row = await getDb().webhookDelivery.findFirst({
    where: { id: deliveryId, webhookId, merchantId },
    select: { ...deliverySelect, attemptsLog: { orderBy: { id: "asc" }, select: { attemptedAt: true, durationMs: true, statusCode: true, error: true } } },
  });
  if (!row) throw notFound("Delivery");
  return { ...deliveryToResponse(row), attempt_log: row.attemptsLog.map(attemptToResponse) };
}
