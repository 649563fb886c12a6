// Parsing and validating a card number as a person types or pastes it.

import { isLuhnValid } from "./luhn";
import { cardTypeFromPrefix, detectCardType, type CardType } from "./card-type";

// Digit groups joined by ONE space or hyphen, the way numbers are printed on
// cards and pasted from documents. Anything else is rejected rather than
// guessed at, so "4111.1111..." or "4111  1111" is a format error.
const GROUPED_DIGITS = /^[0-9]+(?:[ -][0-9]+)*$/;

// Cards are issued with 13 to 19 digits, but the Customer Vault API reference
// documents card_number as "up to 16" characters, so longer numbers (some
// Visa, Discover, JCB and Diners) cannot be stored and are rejected here.
const MIN_DIGITS = 13;
const MAX_DIGITS = 16;
const ISSUER_ID_DIGITS = 6;

/** Why validateCardNumber rejected its input. */
export type CardNumberProblem = "format" | "length" | "luhn" | "unsupported_brand";

/** Result of validateCardNumber. */
export type CardNumberValidation = { ok: true; digits: string; cardType: CardType } | { ok: false; reason: CardNumberProblem };

/** Bare digits of a card number typed with optional single space/hyphen separators (outer whitespace trimmed), or null. */
export function normalizeCardNumber(input: string): string | null {
  // Trailing newlines and spaces are routine when pasting; they carry no meaning.
  const trimmed = input.trim();
  if (!GROUPED_DIGITS.test(trimmed)) return null;
  return trimmed.replace(/[ -]/g, "");
}

/** Checks format, API length limit (13-16), Luhn, and brand/length agreement, in that order. */
export function validateCardNumber(input: string): CardNumberValidation {
  const digits = normalizeCardNumber(input);
  if (digits === null) return { ok: false, reason: "format" };
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return { ok: false, reason: "length" };
  if (!isLuhnValid(digits)) return { ok: false, reason: "luhn" };
  const cardType = detectCardType(digits);
  if (cardType !== null) return { ok: true, digits, cardType };
  // A known brand at the wrong length (a 14-digit Visa, a 16-digit Amex) is a
  // length problem; "unsupported brand" would mislead the user. The first six
  // digits (the issuer identification number) settle the brand on their own.
  const brandOfIssuer = cardTypeFromPrefix(digits.slice(0, ISSUER_ID_DIGITS));
  return { ok: false, reason: brandOfIssuer !== null ? "length" : "unsupported_brand" };
}
