import "server-only";
import { getDb } from "../db/client";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getCustomerOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { getShippingOrThrow } from "./get-shipping-or-throw";
import { settlePrimaryShipping } from "./primary";
import { customerToResponse } from "./to-response";
import type { CustomerResponse } from "./schemas";

/** Makes one of the customer's shipping addresses the primary one. */
export async function setPrimaryShippingAddress(actor: Actor, customerId: string, shippingId: number): Promise<CustomerResponse> {
  return getDb().$transaction(async (tx) => {
    const customer = await getCustomerOrThrow(tx, actor.merchantId, customerId);
    await getShippingOrThrow(tx, customer.id, shippingId);
    await settlePrimaryShipping(tx, customer.id, shippingId);
    await recordAudit(tx, actor, "shipping.set_primary", { type: "shipping_address", id: String(shippingId) });
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}
