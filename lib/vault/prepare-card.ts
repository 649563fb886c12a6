import "#server-only";
import { ApiError, type FieldErrors } from "../errors/api-error";
import { validateCardNumber } from "../cards/card-number";
import { maskCardNumber } from "../cards/mask";
import { expDateProblem } from "../cards/expiry";
import { seal } from "../crypto/seal";
import { toDbBytes } from "../db/bytes";
import { fingerprint } from "../crypto/fingerprint";
import { randomHexId } from "../crypto/random-id";
import type { AddBillingCardInput } from "./schemas";
import { billingColumns } from "./billing-columns";

/** What a 400 says of a card number validateCardNumber refused, by its reason. */
export const CARD_NUMBER_PROBLEMS = {
  format: "must contain only digits",
  length: "has the wrong number of digits for a card (13 to 16, as its brand requires)",
  luhn: "is not a valid card number",
  unsupported_brand: "is not a supported card brand",
} as const;

/** The card's row, ready to insert: sealed number, fingerprint, mask. */
export type PreparedCard = ReturnType<typeof sealCard>;

/**
 * Validates a new card (number, expiry, CVV length for the brand) and seals
 * its number. Problems are collected under `prefix` (e.g.
 * "billing_cards[1].") so one 400 can list every bad field of a request.
 * The CVV is checked and then dropped: it is never stored or logged.
 * `cardId` seals a replacement number for an existing card (its id is part
 * of the associated data); a new card gets a fresh random id.
 */
export function prepareCard(
  input: AddBillingCardInput,
  merchantId: bigint,
  prefix: string,
  errors: FieldErrors,
  now = new Date(),
  cardId: string = randomHexId(),
): PreparedCard | null {
  if (input.card_number === undefined) {
    // A card_id token from the embedded form is claimed by addBillingCard
    // (lib/vault/claim-card-token.ts) before it gets here.
    errors[`${prefix}${input.card_id ? "card_id" : "card_number"}`] = input.card_id
      ? "is not a valid card token: tokens from the embedded form are attached with POST .../billing"
      : "is required";
    return null;
  }
  if (input.billing_zip === undefined) {
    errors[`${prefix}billing_zip`] = "is required";
    return null;
  }
  const checked = validateCardNumber(input.card_number);
  if (!checked.ok) {
    errors[`${prefix}card_number`] = CARD_NUMBER_PROBLEMS[checked.reason];
    return null;
  }
  if (!input.exp_date) {
    errors[`${prefix}exp_date`] = "is required with card_number";
    return null;
  }
  const expiryProblem = expDateProblem(input.exp_date, now);
  if (expiryProblem) {
    errors[`${prefix}exp_date`] = expiryProblem;
    return null;
  }
  if (input.cvv2 !== undefined) {
    const wanted = checked.cardType === "AM" ? 4 : 3;
    if (input.cvv2.length !== wanted) {
      errors[`${prefix}cvv2`] = `must be ${wanted} digits for this card`;
      return null;
    }
  }
  return sealCard(checked.digits, checked.cardType, input, merchantId, cardId);
}

function sealCard(digits: string, cardType: string, input: AddBillingCardInput, merchantId: bigint, id: string) {
  const { sealed, kekVersion } = seal(digits, cardAad(merchantId, id));
  return {
    id,
    merchantId,
    fingerprint: cardFingerprint(merchantId, digits),
    maskedNumber: maskCardNumber(digits),
    cardType,
    expDate: input.exp_date as string,
    sealedNumber: toDbBytes(sealed),
    kekVersion,
    ...billingColumns(input),
    zip: input.billing_zip as string,
  };
}

/** The card number's fingerprint, scoped to the merchant so fingerprints cannot link one card across merchants. */
export function cardFingerprint(merchantId: bigint, digits: string): string {
  return fingerprint(`card-number:${merchantId}:${digits}`);
}

/** Associated data binding a sealed number to its merchant and card_id. */
export function cardAad(merchantId: bigint, cardId: string): string {
  return `card:${merchantId}:${cardId}`;
}

/** Throws the collected field errors as one 400. */
export function throwIfErrors(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new ApiError("validation", "Request validation failed", errors);
}
