import "#server-only";
import type { Tx } from "../db/client";
import type { FieldErrors } from "../errors/api-error";
import { expDateProblem } from "../cards/expiry";
import { billingColumns } from "./billing-columns";
import type { PreparedCard } from "./prepare-card";
import type { AddBillingCardInput } from "./schemas";

export const INVALID_TOKEN_MESSAGE = "is not a valid card token (unknown, already used or expired)";

/**
 * Takes the card behind a single-use card_id token from the embedded form
 * (lib/embedded/create-card-token.ts) for this merchant: the pending row is
 * deleted and its sealed number comes back ready to insert as a card under
 * the same id. Billing fields sent with the request win over those typed in
 * the form. Null (with the error) for a token that is unknown, another
 * merchant's, already claimed or expired, and for a card whose expiry (the
 * request's exp_date, else the one typed in the form) has passed, with the
 * same message adding a card gives. The caller throws on those errors
 * inside the transaction, so the deleted row comes back and the token
 * still works for a corrected request.
 */
export async function claimCardToken(
  tx: Tx,
  merchantId: bigint,
  input: AddBillingCardInput,
  errors: FieldErrors,
  now = new Date(),
): Promise<PreparedCard | null> {
  const pending = input.card_id ? await tx.pendingCard.findFirst({ where: { id: input.card_id, merchantId, expiresAt: { gt: now } } }) : null;
  // deleteMany answers how many rows it took: a token claimed twice at once is taken once.
  const taken = pending ? (await tx.pendingCard.deleteMany({ where: { id: pending.id } })).count : 0;
  if (!pending || taken !== 1) {
    errors.card_id = INVALID_TOKEN_MESSAGE;
    return null;
  }
  const expiryProblem = expDateProblem(input.exp_date ?? pending.expDate, now);
  if (expiryProblem) {
    errors.exp_date = expiryProblem;
    return null;
  }
  const { id, fingerprint, maskedNumber, cardType, expDate, sealedNumber, kekVersion, firstName, lastName, addr1, city, state, zip } = pending;
  return {
    id,
    merchantId,
    fingerprint,
    maskedNumber,
    cardType,
    expDate: input.exp_date ?? expDate,
    sealedNumber,
    kekVersion,
    firstName,
    lastName,
    addr1,
    city,
    state,
    ...billingColumns(input),
    zip: input.billing_zip ?? zip,
  } as PreparedCard;
}
