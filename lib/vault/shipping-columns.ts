import type { AddShippingAddressInput } from "./schemas";

/** Maps the API's shipping_* fields to columns; omitted fields are left out (partial updates). */
export function shippingColumns(input: Partial<AddShippingAddressInput>) {
  const map = {
    shipping_first_name: "firstName",
    shipping_last_name: "lastName",
    shipping_firm_name: "firmName",
    shipping_addr1: "addr1",
    shipping_addr2: "addr2",
    shipping_city: "city",
    shipping_state: "state",
    shipping_zip: "zip",
    shipping_zip4: "zip4",
    shipping_country: "country",
    shipping_country_code: "countryCode",
  } as const;
  const columns: Record<string, string | null> = {};
  for (const [field, column] of Object.entries(map)) {
    const value = input[field as keyof typeof map];
    if (value !== undefined) columns[column] = value ?? null;
  }
  // Names are required by every schema that reaches here, so never null.
  return columns as Partial<Record<(typeof map)[keyof typeof map], string | null>> & { firstName?: string; lastName?: string };
}
