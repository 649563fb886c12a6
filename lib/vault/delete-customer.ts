import "#server-only";
import type { Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvents } from "../events/record-event";
import { cardEventData } from "../events/event-data";
import { getCustomerPkOrThrow } from "./customer-query";

/**
 * Work another area does in the delete's transaction before the customer's
 * rows go: billing cancels the customer's subscriptions there
 * (lib/billing/subscription-operations/delete-customer.ts). It is passed in
 * because billing sits above the vault, which imports none of it; it is
 * required so that no caller can delete a customer and forget them.
 */
export type BeforeCustomerDelete = (tx: Tx, customer: { pk: number; customerId: string }) => Promise<void>;

/**
 * Deletes a customer with its cards and addresses (the foreign keys
 * cascade), after `beforeDelete`. Its customer_id may be used again; the
 * old card_ids stay dead because card_ids are random and never reissued.
 */
export async function deleteCustomer(actor: Actor, customerId: string, beforeDelete: BeforeCustomerDelete): Promise<void> {
  await writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await beforeDelete(tx, { pk: customerPk, customerId });
    // Its cards go with it: a receiver that listens only for card deletions hears of them too.
    const cards = await tx.card.findMany({
      where: { customerPk },
      orderBy: { createdAt: "asc" },
      select: { id: true, maskedNumber: true, cardType: true, expDate: true },
    });
    await tx.customer.delete({ where: { id: customerPk } });
    await recordAudit(tx, actor, "customer.delete", { type: "customer", id: customerId });
    await recordEvents(tx, actor.merchantId, [
      ...cards.map((card) => ({ type: "vault_card_deleted" as const, data: cardEventData(customerId, card) })),
      { type: "vault_customer_deleted" as const, data: { customer_id: customerId } },
    ]);
  });
}
