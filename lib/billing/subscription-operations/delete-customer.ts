import "#server-only";
import type { Actor } from "../../audit/record-audit";
import { deleteCustomer } from "../../vault/delete-customer";
import { merchantToday } from "../merchant-today";
import { cancelSubscriptions } from "../subscriptions/cancel-subscriptions";

/**
 * DELETE /vault/customer/{customer_id} (and the portal's delete): the
 * customer goes with its cards and addresses, and first, in the same
 * transaction, its active, paused and suspended subscriptions are cancelled,
 * each with its subscription_cancelled event. Its subscriptions stay, under
 * its customer_id, no longer tied to a customer row (a new customer with
 * the same customer_id starts without them).
 */
export async function deleteCustomerCancellingSubscriptions(actor: Actor, customerId: string): Promise<void> {
  const today = await merchantToday(actor.merchantId);
  await deleteCustomer(actor, customerId, async (tx, customer) => {
    await cancelSubscriptions(tx, actor, { customerPk: customer.pk }, today);
    await tx.billingSubscription.updateMany({ where: { customerPk: customer.pk }, data: { customerPk: null } });
  });
}
