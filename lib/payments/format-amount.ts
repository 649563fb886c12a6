import { toMajorUnits } from "./amount";
import { currencyOf } from "./currency";

/** An amount in minor units with its ISO 4217 numeric currency, as the vault keeps it, to be formatted where it is shown. */
export type Money = { minor: number; currency: number };

/**
 * An amount as the person paying reads it, in its currency and in the
 * reader's language: "$25.00", "¥1,000", "€25.00" in English; "25,00 $" in
 * German. The portal speaks English (en-US); the hosted pages, their page's.
 */
export function formatAmount(minor: number, currencyNumber: number, locale = "en-US"): string {
  const currency = currencyOf(currencyNumber);
  if (!currency) return String(minor);
  return formatMajorAmount(toMajorUnits(minor, currency), currencyNumber, locale);
}

/** The same for an amount in major units, as the transaction API answers it. */
export function formatMajorAmount(major: number, currencyNumber: number, locale = "en-US"): string {
  const currency = currencyOf(currencyNumber);
  if (!currency) return String(major);
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.code }).format(major);
}
