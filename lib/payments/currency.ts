import "#server-only";
import { number as byNumber } from "currency-codes";

// tran_currency is ISO 4217's numeric code (840 = USD), the table coming from
// the currency-codes package rather than a hand-copied list. A currency's
// minor unit is what amounts are kept in (JPY has none: yen; KWD has fils,
// thousandths). Codes that are not money a card is charged in are refused:
// precious metals, bond units, SDRs, the testing and "no currency" codes, and
// the funds codes that exist only for accounting.
const NOT_CHARGEABLE = new Set([
  "XAG",
  "XAU",
  "XBA",
  "XBB",
  "XBC",
  "XBD",
  "XDR",
  "XPD",
  "XPT",
  "XSU",
  "XTS",
  "XUA",
  "XXX",
  "BOV",
  "CHE",
  "CHW",
  "CLF",
  "COU",
  "MXV",
  "USN",
  "UYI",
  "UYW",
]);

/** The default, as the reference's: US dollars. */
export const DEFAULT_CURRENCY = 840;

export type Currency = {
  /** ISO 4217 numeric, as the API sends it. */
  number: number;
  /** ISO 4217 alphabetic, for formatting (Intl.NumberFormat). */
  code: string;
  /** Minor-unit digits: 2 for USD, 0 for JPY, 3 for KWD. */
  exponent: number;
  /** Decimal places an amount may be sent with: the exponent, but never more than the reference's two. */
  digits: number;
};

/** The currency of a numeric code, or null when there is none a card can be charged in. */
export function currencyOf(numeric: number): Currency | null {
  if (!Number.isInteger(numeric) || numeric < 1 || numeric > 999) return null;
  const found = byNumber(String(numeric).padStart(3, "0"));
  if (!found || NOT_CHARGEABLE.has(found.code) || typeof found.digits !== "number") return null;
  return { number: numeric, code: found.code, exponent: found.digits, digits: Math.min(found.digits, 2) };
}
