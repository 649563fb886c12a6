import "#server-only";
import { getDb } from "../db/client";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvent } from "../events/record-event";
import { getCustomerPkOrThrow } from "./customer-query";

/**
 * Deletes a customer with its cards and addresses (the foreign keys
 * cascade; its subscriptions will too, as the reference says). Its
 * customer_id may be used again; the old card_ids stay dead because card_ids
 * are random and never reissued.
 */
export async function deleteCustomer(actor: Actor, customerId: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await tx.customer.delete({ where: { id: customerPk } });
    await recordAudit(tx, actor, "customer.delete", { type: "customer", id: customerId });
    await recordEvent(tx, actor.merchantId, "vault_customer_deleted", { customer_id: customerId });
  });
}
