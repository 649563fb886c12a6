import type { UpdateBillingCardInput } from "./schemas";

type BillingInput = Omit<UpdateBillingCardInput, "card_id" | "card_number">;

/** The columns a partial card update changes: billing fields, zip and expiry, as sent. */
export function cardUpdateColumns(input: BillingInput) {
  return {
    ...billingColumns(input),
    ...(input.billing_zip !== undefined ? { zip: input.billing_zip } : {}),
    ...(input.exp_date !== undefined ? { expDate: input.exp_date } : {}),
  };
}

/**
 * Maps the API's billing_* fields to card columns. Only fields present in the
 * input appear in the result, so the same map serves a new card and a
 * partial update (omitted fields stay; null clears).
 */
export function billingColumns(input: BillingInput) {
  const columns: Record<string, string | null> = {};
  const map = {
    billing_first_name: "firstName",
    billing_last_name: "lastName",
    billing_firm_name: "firmName",
    billing_addr1: "addr1",
    billing_addr2: "addr2",
    billing_city: "city",
    billing_state: "state",
    billing_zip4: "zip4",
    billing_country: "country",
    billing_country_code: "countryCode",
  } as const;
  for (const [field, column] of Object.entries(map)) {
    const value = input[field as keyof typeof map];
    if (value !== undefined) columns[column] = value ?? null;
  }
  if (input.billing_email !== undefined) {
    columns.emails = input.billing_email && input.billing_email.length > 0 ? JSON.stringify(input.billing_email) : null;
  }
  return columns as Partial<{
    firstName: string | null;
    lastName: string | null;
    firmName: string | null;
    addr1: string | null;
    addr2: string | null;
    city: string | null;
    state: string | null;
    zip4: string | null;
    country: string | null;
    countryCode: string | null;
    emails: string | null;
  }>;
}
