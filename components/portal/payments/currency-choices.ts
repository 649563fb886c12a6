// The currencies the portal's payment forms offer (ISO 4217 numeric code and
// letters), the merchant's usual ones first. The API takes any chargeable
// currency; these are the ones staff pick from a list.
export const CURRENCY_CHOICES = [
  [840, "USD"],
  [978, "EUR"],
  [826, "GBP"],
  [124, "CAD"],
  [36, "AUD"],
  [392, "JPY"],
] as const;
