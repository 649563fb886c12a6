import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { fieldError } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvent } from "../events/record-event";
import { cardEventData } from "../events/event-data";
import { expDateProblem } from "../cards/expiry";
import { cardUpdateColumns } from "./billing-columns";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { getCardOrThrow } from "./get-card-or-throw";
import { settlePrimaryCard } from "./primary";
import { customerToResponse } from "./to-response";
import type { CustomerResponse, UpdateBillingCardInput } from "./schemas";

/** Partial update of a card's expiry and billing details; the number cannot change. */
export async function updateBillingCard(actor: Actor, customerId: string, input: UpdateBillingCardInput): Promise<CustomerResponse> {
  const expiryProblem = input.exp_date === undefined ? null : expDateProblem(input.exp_date, new Date());
  if (expiryProblem) throw fieldError("exp_date", expiryProblem);
  return writeTransaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await getCardOrThrow(tx, customerPk, input.card_id);
    const updated = await tx.card.update({
      where: { id: input.card_id },
      data: cardUpdateColumns(input),
      select: { id: true, maskedNumber: true, cardType: true, expDate: true },
    });
    if (input.primary) await settlePrimaryCard(tx, customerPk, input.card_id);
    await recordAudit(tx, actor, "card.update", { type: "card", id: input.card_id });
    await recordEvent(tx, actor.merchantId, "vault_card_updated", cardEventData(customerId, updated));
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}
