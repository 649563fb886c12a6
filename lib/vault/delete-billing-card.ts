import "#server-only";
import { type Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvent } from "../events/record-event";
import { cardEventData } from "../events/event-data";
import { assertCardNotInActiveSubscription } from "./card-usage";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { getCardOrThrow } from "./get-card-or-throw";
import { settlePrimaryCard } from "./primary";
import { customerToResponse } from "./to-response";
import type { CustomerResponse } from "./schemas";

/** Deletes a card (not while a subscription uses it); the oldest remaining card becomes primary. */
export async function deleteBillingCard(actor: Actor, customerId: string, cardId: string): Promise<CustomerResponse> {
  return writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await removeCard(tx, actor, { id: customerPk, customerId }, cardId);
    await settlePrimaryCard(tx, customerPk);
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}

/** Removes one card of a customer, with the subscription check, its audit row and its event. */
export async function removeCard(tx: Tx, actor: Actor, customer: { id: number; customerId: string }, cardId: string): Promise<void> {
  const card = await getCardOrThrow(tx, customer.id, cardId);
  await assertCardNotInActiveSubscription(tx, cardId);
  await tx.card.delete({ where: { id: cardId } });
  await recordAudit(tx, actor, "card.delete", { type: "card", id: cardId });
  await recordEvent(tx, actor.merchantId, "vault_card_deleted", cardEventData(customer.customerId, card));
}
