import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { getShippingOrThrow } from "./get-shipping-or-throw";
import { settlePrimaryShipping } from "./primary";
import { customerToResponse } from "./to-response";
import type { CustomerResponse } from "./schemas";

/** Makes one of the customer's shipping addresses the primary one. */
export async function setPrimaryShippingAddress(actor: Actor, customerId: string, shippingId: number): Promise<CustomerResponse> {
  return writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await getShippingOrThrow(tx, customerPk, shippingId);
    await settlePrimaryShipping(tx, customerPk, shippingId);
    await recordAudit(tx, actor, "shipping.set_primary", { type: "shipping_address", id: String(shippingId) });
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}
