import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { getCardOrThrow } from "./get-card-or-throw";
import { settlePrimaryCard } from "./primary";
import { customerToResponse } from "./to-response";
import type { CustomerResponse } from "./schemas";

/** Makes one of the customer's cards the primary (subscription) card. */
export async function setPrimaryBillingCard(actor: Actor, customerId: string, cardId: string): Promise<CustomerResponse> {
  return writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await getCardOrThrow(tx, customerPk, cardId);
    await settlePrimaryCard(tx, customerPk, cardId);
    await recordAudit(tx, actor, "card.set_primary", { type: "card", id: cardId });
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}
