import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { getShippingOrThrow } from "./get-shipping-or-throw";
import { settlePrimaryShipping } from "./primary";
import { customerToResponse } from "./to-response";
import type { CustomerResponse } from "./schemas";

/** Deletes a shipping address; the oldest remaining one becomes primary. */
export async function deleteShippingAddress(actor: Actor, customerId: string, shippingId: number): Promise<CustomerResponse> {
  return writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await getShippingOrThrow(tx, customerPk, shippingId);
    await tx.shippingAddress.delete({ where: { id: shippingId } });
    await settlePrimaryShipping(tx, customerPk);
    await recordAudit(tx, actor, "shipping.delete", { type: "shipping_address", id: String(shippingId) });
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}
