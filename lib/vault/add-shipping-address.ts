import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { settlePrimaryShipping } from "./primary";
import { shippingColumns } from "./shipping-columns";
import { customerToResponse } from "./to-response";
import type { AddShippingAddressInput, CustomerResponse } from "./schemas";

/** Adds a shipping address; the first one, or one sent with primary: true, is primary. */
export async function addShippingAddress(actor: Actor, customerId: string, input: AddShippingAddressInput): Promise<CustomerResponse> {
  return writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    const address = await tx.shippingAddress.create({
      data: {
        merchantId: actor.merchantId,
        customerPk,
        ...shippingColumns(input),
        firstName: input.shipping_first_name,
        lastName: input.shipping_last_name,
      },
      select: { id: true },
    });
    await settlePrimaryShipping(tx, customerPk, input.primary ? address.id : undefined);
    await recordAudit(tx, actor, "shipping.create", { type: "shipping_address", id: String(address.id) });
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}
