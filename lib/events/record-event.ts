import "#server-only";
import type { Tx } from "../db/client";
import { randomHexId } from "../crypto/random-id";

// Vault events for webhooks, written to the outbox (the Event table) inside
// the transaction of the change they report, so an event exists exactly when
// its change committed. Delivery is the worker's job.

export type VaultEventType = "checkout_vault_card_added" | "checkout_vault_card_updated";

/** Appends one event; `data` must never hold a full card number. Returns its event_id. */
export async function recordEvent(tx: Tx, merchantId: bigint, type: VaultEventType, data: Record<string, unknown>): Promise<string> {
  const eventId = randomHexId();
  await tx.event.create({ data: { eventId, merchantId, type, payload: JSON.stringify(data) }, select: { id: true } });
  return eventId;
}
