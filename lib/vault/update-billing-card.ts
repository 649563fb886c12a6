import "server-only";
import { getDb } from "../db/client";
import { fieldError } from "../api/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { isExpired, parseExpDate } from "../cards/expiry";
import { billingColumns } from "./billing-columns";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { getCardOrThrow } from "./get-card-or-throw";
import { settlePrimaryCard } from "./primary";
import { customerToResponse } from "./to-response";
import type { CustomerResponse, UpdateBillingCardInput } from "./schemas";

/** Partial update of a card's expiry and billing details; the number cannot change. */
export async function updateBillingCard(actor: Actor, customerId: string, input: UpdateBillingCardInput): Promise<CustomerResponse> {
  if (input.exp_date !== undefined) {
    const expiry = parseExpDate(input.exp_date);
    if (!expiry || isExpired(expiry, new Date())) throw fieldError("exp_date", "the card has expired");
  }
  return getDb().$transaction(async (tx) => {
    const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
    await getCardOrThrow(tx, customerPk, input.card_id);
    await tx.card.update({
      where: { id: input.card_id },
      data: {
        ...billingColumns(input),
        ...(input.billing_zip !== undefined ? { zip: input.billing_zip } : {}),
        ...(input.exp_date !== undefined ? { expDate: input.exp_date } : {}),
      },
    });
    if (input.primary) await settlePrimaryCard(tx, customerPk, input.card_id);
    await recordAudit(tx, actor, "card.update", { type: "card", id: input.card_id });
    return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
  });
}
