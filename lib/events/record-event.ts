import "#server-only";
import type { Tx } from "../db/client";
import { Prisma } from "../db/sql";
import { randomHexId } from "../crypto/random-id";
import type { VaultEventType } from "./event-types";

// Vault events for webhooks, written to the outbox (the Event table) inside
// the transaction of the change they report, so an event exists exactly when
// its change committed. The worker fans each one out to the webhooks
// subscribed to it and delivers them (lib/webhooks/delivery).

export type { VaultEventType };
export type EventEntry = { type: VaultEventType | "validate_url"; data: Record<string, unknown>; webhookId?: number };

/** Appends one event; `data` must never hold a full card number. Returns its event_id. */
export async function recordEvent(tx: Tx, merchantId: bigint, type: EventEntry["type"], data: Record<string, unknown>, webhookId?: number): Promise<string> {
  const [eventId] = await recordEvents(tx, merchantId, [{ type, data, webhookId }]);
  return eventId as string;
}

/** Appends several events in one statement, in order. Returns their event_ids. */
export async function recordEvents(tx: Tx, merchantId: bigint, entries: EventEntry[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const { sql, eventIds } = eventRowsSql(merchantId, entries);
  await tx.$executeRaw(sql);
  return eventIds;
}

/** The INSERT behind recordEvents, for callers that batch their statements. */
export function eventRowsSql(merchantId: bigint, entries: EventEntry[]): { sql: Prisma.Sql; eventIds: string[] } {
  const now = new Date();
  const eventIds = entries.map(() => randomHexId());
  const rows = entries.map((e, i) => Prisma.sql`(${eventIds[i]}, ${merchantId}, ${e.type}, ${JSON.stringify(e.data)}, ${e.webhookId ?? null}, ${now})`);
  const sql = Prisma.sql`
    INSERT INTO "Event" ("eventId", "merchantId", "type", "payload", "webhookId", "createdAt")
    VALUES ${Prisma.join(rows)}`;
  return { sql, eventIds };
}
