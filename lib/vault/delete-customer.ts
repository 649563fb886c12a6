import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvents } from "../events/record-event";
import { cardEventData } from "../events/event-data";
import { getCustomerPkOrThrow } from "./customer-query";

/**
 * Deletes a customer with its cards and addresses (the foreign keys
 * cascade; its subscriptions will too, as the reference says). Its
 * customer_id may be used again; the old card_ids stay dead because card_ids
 * are random and never reissued.
 */
export async function deleteCustomer(actor: Actor, customerId: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
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
