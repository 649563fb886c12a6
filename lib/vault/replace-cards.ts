import "#server-only";
import type { Tx } from "../db/client";
import { fieldError } from "../errors/api-error";
import { recordAudit, recordAuditMany, type Actor } from "../audit/record-audit";
import { recordEvent, recordEvents } from "../events/record-event";
import { cardEventData } from "../events/event-data";
import { cardUpdateColumns } from "./billing-columns";
import type { CustomerWithChildren } from "./customer-query";
import { removeCard } from "./delete-billing-card";
import { insertCardRows } from "./insert-card-rows";
import type { PreparedCard } from "./prepare-card";
import { settlePrimaryCard } from "./primary";
import type { UpdateCustomerInput } from "./schemas";

type CardEntry = NonNullable<UpdateCustomerInput["billing_cards"]>[number];

/** Makes the customer's cards exactly `entries` (see updateCustomer). */
export async function replaceCards(
  tx: Tx,
  actor: Actor,
  customer: CustomerWithChildren,
  entries: CardEntry[],
  newCards: Map<number, PreparedCard>,
): Promise<void> {
  const ownIds = new Set(customer.cards.map((c) => c.id));
  const kept = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    if (entry.card_id === undefined) continue;
    if (!ownIds.has(entry.card_id)) throw fieldError(`billing_cards[${index}].card_id`, "is not a card of this customer");
    kept.add(entry.card_id);
  }
  for (const card of customer.cards) {
    if (!kept.has(card.id)) await removeCard(tx, actor, customer, card.id);
  }

  let preferred: string | undefined;
  const added: (PreparedCard & { isPrimary: boolean })[] = [];
  for (const [index, entry] of entries.entries()) {
    if (entry.card_id !== undefined) {
      const updated = await tx.card.update({
        where: { id: entry.card_id },
        data: cardUpdateColumns(entry),
        select: { id: true, maskedNumber: true, cardType: true, expDate: true },
      });
      await recordAudit(tx, actor, "card.update", { type: "card", id: entry.card_id });
      await recordEvent(tx, actor.merchantId, "vault_card_updated", cardEventData(customer.customerId, updated));
      if (entry.primary) preferred ??= entry.card_id;
      continue;
    }
    const card = newCards.get(index);
    if (!card) continue;
    added.push({ ...card, isPrimary: false });
    if (entry.primary) preferred ??= card.id;
  }
  // One insert, so new cards keep the order they were sent in; a number the
  // customer already has fails the unique index (updateCustomer: 409).
  await insertCardRows(tx, customer.id, added);
  await recordAuditMany(
    tx,
    actor,
    added.map((card) => ({ action: "card.create", type: "card", id: card.id })),
  );
  await recordEvents(
    tx,
    actor.merchantId,
    added.map((card) => ({ type: "vault_card_created" as const, data: cardEventData(customer.customerId, card) })),
  );
  await settlePrimaryCard(tx, customer.id, preferred);
}
