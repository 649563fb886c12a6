import "#server-only";
import { fieldError } from "../errors/api-error";
import { currencyOf, type Currency } from "./currency";

// Amounts arrive as the reference sends them, decimals in major units ("up to
// 12,2 N": 10, 10.5, 10.50), and are kept as integers of the currency's minor
// unit from here on: parsed from the number's text, never multiplied as a
// float (19.99 * 100 is 1998.9999999999998).

/** At most 10 digits before the point: the reference's 12 digits, two of them cents. */
const MAX_WHOLE_DIGITS = 10;

export type AmountRefusal = { refused: string };

/**
 * The amount in minor units, or why it is refused: not a number, negative,
 * too many decimals for the currency, too large. Zero is the caller's to
 * allow (verify only).
 */
export function toMinorUnits(value: unknown, currency: Currency): number | AmountRefusal {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value.trim() : null;
  if (text === null || text === "") return { refused: "must be a decimal amount, such as 10 or 10.50" };
  if (text.startsWith("-")) return { refused: "must not be negative" };
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { refused: "must be a decimal amount, such as 10 or 10.50" };
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > currency.digits) {
    return { refused: currency.digits === 0 ? `must be a whole amount in ${currency.code}` : `must have at most ${currency.digits} decimal places` };
  }
  if (whole.replace(/^0+(?=\d)/, "").length > MAX_WHOLE_DIGITS) return { refused: `must be at most ${MAX_WHOLE_DIGITS} digits before the decimal point` };
  return Number(whole) * 10 ** currency.exponent + Number(fraction.padEnd(currency.exponent, "0") || "0");
}

/** A stored amount in major units, by its numeric currency code (a code no longer known: the minor units as they are). */
export function majorUnitsIn(minor: number | bigint, currencyNumber: number): number {
  const currency = currencyOf(currencyNumber);
  return currency ? toMajorUnits(Number(minor), currency) : Number(minor);
}

/** Minor units back to the reference's decimal number (1050 → 10.5), for answers. */
export function toMajorUnits(minor: number, currency: Currency): number {
  return minor / 10 ** currency.exponent;
}

/** The request's amt_tran in minor units, or a 400 naming it. `zero` says whether 0 is allowed (verify only). */
export function requestAmount(value: unknown, currency: Currency, zero: "allowed" | "refused"): number {
  if (value === undefined || value === null) {
    if (zero === "allowed") return 0;
    throw fieldError("amt_tran", "is required");
  }
  const minor = toMinorUnits(value, currency);
  if (typeof minor !== "number") throw fieldError("amt_tran", minor.refused);
  if (minor === 0 && zero === "refused") throw fieldError("amt_tran", "must be more than 0");
  return minor;
}
