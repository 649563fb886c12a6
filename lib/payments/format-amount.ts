import { toMajorUnits } from "./amount";
import { currencyOf } from "./currency";

/** An amount as the person paying reads it, in its currency ("$25.00", "¥1,000", "€25.00"). */
export function formatAmount(minor: number, currencyNumber: number): string {
  const currency = currencyOf(currencyNumber);
  if (!currency) return String(minor);
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.code }).format(toMajorUnits(minor, currency));
}
