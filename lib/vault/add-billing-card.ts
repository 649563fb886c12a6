import "server-only";
import { getDb } from "../db/client";
import { ApiError, type FieldErrors } from "../api/api-error";
import { isUniqueViolation } from "../api/to-api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { prepareCard, throwIfErrors } from "./prepare-card";
import { getCustomerOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { settlePrimaryCard } from "./primary";
import { customerToResponse } from "./to-response";
import type { AddBillingCardInput, CustomerResponse } from "./schemas";

export const DUPLICATE_CARD_MESSAGE = "This card number is already stored for this customer";

/** Adds a card to a customer: the first card, or one sent with primary: true, is primary. */
export async function addBillingCard(actor: Actor, customerId: string, input: AddBillingCardInput): Promise<CustomerResponse> {
  const errors: FieldErrors = {};
  const card = prepareCard(input, actor.merchantId, "", errors);
  throwIfErrors(errors);
  if (!card) throw new ApiError("validation", "Request validation failed");

  try {
    return await getDb().$transaction(async (tx) => {
      const customer = await getCustomerOrThrow(tx, actor.merchantId, customerId);
      const duplicate = await tx.card.findUnique({
        where: { customerPk_fingerprint: { customerPk: customer.id, fingerprint: card.fingerprint } },
        select: { id: true },
      });
      if (duplicate) throw new ApiError("conflict", DUPLICATE_CARD_MESSAGE);
      await tx.card.create({ data: { ...card, customerPk: customer.id } });
      await settlePrimaryCard(tx, customer.id, input.primary ? card.id : undefined);
      await recordAudit(tx, actor, "card.create", { type: "card", id: card.id });
      return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
    });
  } catch (error) {
    // Two requests adding the same number at once: the unique index decides.
    if (isUniqueViolation(error)) throw new ApiError("conflict", DUPLICATE_CARD_MESSAGE);
    throw error;
  }
}
