import "#server-only";
import { fieldError } from "../errors/api-error";
import { requestAmount } from "../payments/amount";
import { requestCurrency } from "../payments/request-currency";
import type { TypedChargeTerms } from "../payments/typed-card-charge";
import type { EmbeddedKeyQuery } from "./schemas";

/** The fields that mean something only beside an amount. */
const CHARGE_ONLY = ["tran_currency", "request_type", "merch_ref_num", "purchase_id"] as const;

/**
 * What a key made with GET /platform/embedded's query charges, or null for a
 * key that only stores cards. The amount and currency follow the gateway
 * API's rules (a decimal in major units, at most the currency's decimals,
 * USD by default), and must be above 0: a key without a charge is one made
 * without amt_tran. The other fields without an amount are refused rather
 * than ignored, so a merchant's mistake does not quietly make a free form.
 */
export function keyChargeOf(query: EmbeddedKeyQuery): TypedChargeTerms | null {
  if (query.amt_tran === undefined) {
    for (const field of CHARGE_ONLY) if (query[field] !== undefined) throw fieldError(field, "is for a charge: send amt_tran above 0");
    return null;
  }
  const currency = requestCurrency(query.tran_currency === undefined ? undefined : Number(query.tran_currency));
  const amountMinor = requestAmount(query.amt_tran, currency, "refused");
  return {
    type: query.request_type ?? "sale",
    amountMinor,
    currencyNumber: currency.number,
    merchRefNum: query.merch_ref_num ?? null,
    purchaseId: query.purchase_id ?? null,
  };
}
