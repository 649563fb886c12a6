import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, type FieldErrors } from "../errors/api-error";
import { isUniqueViolation } from "../db/unique-violation";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvent } from "../events/record-event";
import { cardEventData } from "../events/event-data";
import { prepareCard, throwIfErrors } from "./prepare-card";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { insertCustomerCard } from "./insert-card-rows";
import { claimCardToken } from "./claim-card-token";
import { countDuplicateCardAnswer, refuseOverDuplicateCardLimit } from "./duplicate-card-limit";
import { customerToResponse } from "./to-response";
import type { AddBillingCardInput, CustomerResponse } from "./schemas";

export const DUPLICATE_CARD_MESSAGE = "This card number is already stored for this customer";

/**
 * Adds a card to a customer: the first card, or one sent with primary: true,
 * is primary. A number the customer already has is a 409, counted against
 * the caller's duplicate-card limit; a caller over it gets a 429 instead.
 */
export async function addBillingCard(actor: Actor, customerId: string, input: AddBillingCardInput): Promise<CustomerResponse> {
  await refuseOverDuplicateCardLimit(actor);
  const errors: FieldErrors = {};
  // A card_id without a number is a token from the embedded form, claimed in the transaction.
  const fromToken = input.card_number === undefined && input.card_id !== undefined;
  const prepared = fromToken ? null : prepareCard(input, actor.merchantId, "", errors);
  throwIfErrors(errors);
  if (!fromToken && !prepared) throw new ApiError("validation", "Request validation failed");

  try {
    return await writeTransaction(async (tx) => {
      const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
      const card = prepared ?? (await claimCardToken(tx, actor.merchantId, input, errors));
      throwIfErrors(errors);
      if (!card) throw new ApiError("validation", "Request validation failed");
      await insertCustomerCard(tx, customerPk, card, input.primary === true);
      // A token from an embedded form that charged it (docs/payments.md,
      // "Embedded form payments"): its transaction already names the card by
      // this id, and now belongs to the customer too.
      if (fromToken) await tx.transaction.updateMany({ where: { merchantId: actor.merchantId, cardId: card.id, customerId: null }, data: { customerId } });
      await recordAudit(tx, actor, "card.create", { type: "card", id: card.id });
      await recordEvent(tx, actor.merchantId, "vault_card_created", cardEventData(customerId, card));
      return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await countDuplicateCardAnswer(actor);
    throw new ApiError("conflict", DUPLICATE_CARD_MESSAGE);
  }
}
