import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { getShippingOrThrow } from "./get-shipping-or-throw";
import { settlePrimaryShipping } from "./primary";
import { shippingColumns } from "./shipping-columns";
import { customerToResponse } from "./to-response";
import type { CustomerResponse, UpdateShippingAddressInput } from "./schemas";

/** Updates a shipping address: names are required (as in the reference), other omitted fields stay. */
export async function updateShippingAddress(actor: Actor, customerId: string, input: UpdateShippingAddressInput): Promise<CustomerResponse> {
  return writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await getShippingOrThrow(tx, customerPk, input.shipping_id);
    await tx.shippingAddress.update({ where: { id: input.shipping_id }, data: shippingColumns(input) });
    if (input.primary) await settlePrimaryShipping(tx, customerPk, input.shipping_id);
    await recordAudit(tx, actor, "shipping.update", { type: "shipping_address", id: String(input.shipping_id) });
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}
