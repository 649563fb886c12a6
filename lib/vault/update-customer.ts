import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, fieldError, type FieldErrors } from "../errors/api-error";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvent } from "../events/record-event";
import { customerColumns } from "./customer-columns";
import { expDateProblem } from "../cards/expiry";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { prepareCard, throwIfErrors, type PreparedCard } from "./prepare-card";
import { replaceCards } from "./replace-cards";
import { replaceShippingAddresses } from "./replace-shipping-addresses";
import { customerToResponse } from "./to-response";
import { DUPLICATE_CARD_MESSAGE } from "./add-billing-card";
import { countDuplicateCardAnswer, refuseOverDuplicateCardLimit } from "./duplicate-card-limit";
import { hasCustomerName, NAME_RULE, type CustomerResponse, type UpdateCustomerInput } from "./schemas";

/**
 * Updates a customer: omitted fields stay, null clears. billing_cards and
 * shipping_addresses, when sent, are the complete new lists (as the
 * reference says): entries with an id are kept and updated, entries without
 * one are added, and the customer's others are deleted.
 */
export async function updateCustomer(actor: Actor, customerId: string, input: UpdateCustomerInput): Promise<CustomerResponse> {
  if (input.customer_id !== undefined && input.customer_id !== customerId) {
    throw fieldError("customer_id", "cannot be changed");
  }
  // Adding cards here is a card add like POST .../billing, under the same duplicate-card limit.
  const addsCards = (input.billing_cards ?? []).some((card) => card.card_id === undefined);
  if (addsCards) await refuseOverDuplicateCardLimit(actor);
  const newCards = prepareNewCards(actor.merchantId, input);

  try {
    return await writeTransaction(async (tx) => {
      await getCustomerPkOrThrow(tx, actor.merchantId, customerId); // takes the customer's lock
      const current = await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId);
      const columns = customerColumns(input);
      const merged = {
        customer_first_name: columns.firstName !== undefined ? columns.firstName : current.firstName,
        customer_last_name: columns.lastName !== undefined ? columns.lastName : current.lastName,
        customer_firm_name: columns.firmName !== undefined ? columns.firmName : current.firmName,
      };
      if (!hasCustomerName(merged)) throw fieldError("customer_first_name", NAME_RULE);
      await tx.customer.update({ where: { id: current.id }, data: columns });
      if (input.billing_cards) await replaceCards(tx, actor, current, input.billing_cards, newCards);
      if (input.shipping_addresses) await replaceShippingAddresses(tx, actor, current, input.shipping_addresses);
      await recordAudit(tx, actor, "customer.update", { type: "customer", id: customerId });
      await recordEvent(tx, actor.merchantId, "vault_customer_updated", { customer_id: customerId });
      return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (addsCards) await countDuplicateCardAnswer(actor);
    throw new ApiError("conflict", DUPLICATE_CARD_MESSAGE);
  }
}

/** Validates and seals the cards without a card_id (new ones) before the transaction starts. */
function prepareNewCards(merchantId: bigint, input: UpdateCustomerInput): Map<number, PreparedCard> {
  const errors: FieldErrors = {};
  const prepared = new Map<number, PreparedCard>();
  for (const [index, card] of (input.billing_cards ?? []).entries()) {
    const prefix = `billing_cards[${index}].`;
    if (card.card_id !== undefined) {
      if (card.card_number !== undefined) errors[`${prefix}card_number`] = "cannot be changed; add a new card instead";
      const expiryProblem = card.exp_date === undefined ? null : expDateProblem(card.exp_date, new Date());
      if (expiryProblem) errors[`${prefix}exp_date`] = expiryProblem;
      continue;
    }
    if (!card.billing_zip) {
      errors[`${prefix}billing_zip`] = "is required";
      continue;
    }
    const ready = prepareCard({ ...card, billing_zip: card.billing_zip }, merchantId, prefix, errors);
    if (ready) prepared.set(index, ready);
  }
  throwIfErrors(errors);
  return prepared;
}
