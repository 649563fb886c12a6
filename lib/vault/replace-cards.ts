import "server-only";
import type { Tx } from "../db/client";
import { ApiError, fieldError } from "../api/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { billingColumns } from "./billing-columns";
import type { CustomerWithChildren } from "./customer-query";
import { removeCard } from "./delete-billing-card";
import type { PreparedCard } from "./prepare-card";
import { settlePrimaryCard } from "./primary";
import type { UpdateCustomerInput } from "./schemas";
import { DUPLICATE_CARD_MESSAGE } from "./add-billing-card";

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
    if (!kept.has(card.id)) await removeCard(tx, actor, customer.id, card.id);
  }

  let preferred: string | undefined;
  for (const [index, entry] of entries.entries()) {
    if (entry.card_id !== undefined) {
      await tx.card.update({
        where: { id: entry.card_id },
        data: {
          ...billingColumns(entry),
          ...(entry.billing_zip ? { zip: entry.billing_zip } : {}),
          ...(entry.exp_date ? { expDate: entry.exp_date } : {}),
        },
      });
      await recordAudit(tx, actor, "card.update", { type: "card", id: entry.card_id });
      if (entry.primary) preferred ??= entry.card_id;
      continue;
    }
    const card = newCards.get(index);
    if (!card) continue;
    const duplicate = await tx.card.findUnique({
      where: { customerPk_fingerprint: { customerPk: customer.id, fingerprint: card.fingerprint } },
      select: { id: true },
    });
    if (duplicate) throw new ApiError("conflict", DUPLICATE_CARD_MESSAGE);
    await tx.card.create({ data: { ...card, customerPk: customer.id } });
    await recordAudit(tx, actor, "card.create", { type: "card", id: card.id });
    if (entry.primary) preferred ??= card.id;
  }
  await settlePrimaryCard(tx, customer.id, preferred);
}
