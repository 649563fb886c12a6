import { toMajorUnits } from "./amount";
import { currencyOf } from "./currency";

/** An amount as the person paying reads it, in its currency ("$25.00", "¥1,000", "€25.00"). */
export function formatAmount(minor: number, currencyNumber: number): string {
  const currency = currencyOf(currencyNumber);
  if (!currency) return String(minor);
  return formatMajorAmount(toMajorUnits(minor, currency), currencyNumber);
}

/** The same for an amount in major units, as the transaction API answers it. */
export function formatMajorAmount(major: number, currencyNumber: number): string {
  const currency = currencyOf(currencyNumber);
  if (!currency) return String(major);
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.code }).format(major);
}
