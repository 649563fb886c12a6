import "#server-only";
import { fieldError } from "../errors/api-error";
import { currencyOf, DEFAULT_CURRENCY, type Currency } from "./currency";

/** The request's tran_currency (840 when absent), or a 400 naming it. */
export function requestCurrency(numeric: number | undefined): Currency {
  const currency = currencyOf(numeric ?? DEFAULT_CURRENCY);
  if (!currency) throw fieldError("tran_currency", "is not the ISO 4217 numeric code of a currency cards are charged in");
  return currency;
}
