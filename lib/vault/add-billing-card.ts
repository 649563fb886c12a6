import "server-only";
import { getDb } from "../db/client";
import { ApiError, type FieldErrors } from "../api/api-error";
import { isUniqueViolation } from "../api/to-api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { prepareCard, throwIfErrors } from "./prepare-card";
import { getCustomerPkOrThrow, getCustomerWithChildrenOrThrow } from "./customer-query";
import { insertCardRows } from "./insert-card-rows";
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
      const customerPk = await getCustomerPkOrThrow(tx, actor.merchantId, customerId);
      const [existing] = await tx.$queryRaw<{ n: bigint | number }[]>`
        SELECT COUNT(*) AS "n" FROM "Card" WHERE "customerPk" = ${customerPk}`;
      const isFirst = Number(existing?.n ?? 0) === 0;
      if (input.primary && !isFirst) {
        await tx.card.updateMany({ where: { customerPk, isPrimary: true }, data: { isPrimary: false } });
      }
      // The unique index on (customer, fingerprint) rejects a duplicate,
      // also when two requests add the same number at once.
      await insertCardRows(tx, customerPk, [{ ...card, isPrimary: isFirst || input.primary === true }]);
      await recordAudit(tx, actor, "card.create", { type: "card", id: card.id });
      return customerToResponse(await getCustomerWithChildrenOrThrow(tx, actor.merchantId, customerId));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError("conflict", DUPLICATE_CARD_MESSAGE);
    throw error;
  }
}
