import "#server-only";
import { dbProvider } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import type { Clock } from "./clock";
import { DELIVERY_LIFETIME_MS } from "./backoff";

// Fan-out: each new event becomes one delivery per ACTIVE webhook of its
// merchant subscribed to it (or, for validate_url, for its one webhook).
// Deliveries get ids in event order, and a webhook's deliveries are sent in
// id order, so fan-out must not run twice at once: on PostgreSQL a
// transaction-scoped advisory lock makes a second worker skip its turn; on
// SQLite transactions already take turns. The unique (webhook, event) pair
// backs this up: an event can never be owed twice to one endpoint.

const FAN_OUT_LOCK_KEY = 727_001; // any constant; names this lock among advisory locks
/** Events fanned out per transaction; a full batch means more may be waiting. */
export const FAN_OUT_BATCH = 200;

/** Fans out up to one batch of new events; returns how many events it handled. */
export async function fanOutEvents(clock: Clock, batchSize = FAN_OUT_BATCH): Promise<number> {
  return writeTransaction(async (tx) => {
    if (dbProvider() === "postgres") {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${FAN_OUT_LOCK_KEY}) AS "locked"`;
      if (!row?.locked) return 0;
    }
    const events = await tx.event.findMany({
      where: { fannedOutAt: null },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, merchantId: true, type: true, webhookId: true, createdAt: true },
    });
    if (events.length === 0) return 0;
    const merchantIds = [...new Set(events.map((e) => e.merchantId))];
    const webhooks = await tx.webhook.findMany({
      where: { merchantId: { in: merchantIds }, status: "ACTIVE" },
      select: { id: true, merchantId: true, events: true, createdAt: true },
    });
    const subscribed = webhooks.map((w) => ({ ...w, events: new Set(JSON.parse(w.events) as string[]) }));
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + DELIVERY_LIFETIME_MS);
    const rows = [];
    for (const event of events) {
      for (const hook of subscribed) {
        if (hook.merchantId !== event.merchantId) continue;
        // A webhook hears of events from its creation on, not of older ones.
        const wanted = event.webhookId !== null ? event.webhookId === hook.id : hook.events.has(event.type) && hook.createdAt <= event.createdAt;
        if (wanted) rows.push({ webhookId: hook.id, eventPk: event.id, merchantId: event.merchantId, nextAttemptAt: now, expiresAt, createdAt: now });
      }
    }
    if (rows.length > 0) await tx.webhookDelivery.createMany({ data: rows });
    await tx.event.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { fannedOutAt: now } });
    return events.length;
  });
}
