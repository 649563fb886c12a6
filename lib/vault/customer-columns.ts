import type { UpdateCustomerInput } from "./schemas";

/** Maps the API's customer_* fields to columns; omitted fields are left out, null clears. */
export function customerColumns(input: Omit<UpdateCustomerInput, "billing_cards" | "shipping_addresses">) {
  const map = {
    customer_first_name: "firstName",
    customer_last_name: "lastName",
    customer_firm_name: "firmName",
    customer_phone: "phone",
    customer_email: "email",
    reference_id: "referenceId",
    comments: "comments",
    developer_id: "developerId",
  } as const;
  const columns: Record<string, string | null> = {};
  for (const [field, column] of Object.entries(map)) {
    const value = input[field as keyof typeof map];
    if (value !== undefined) columns[column] = value ?? null;
  }
  return columns as Partial<Record<(typeof map)[keyof typeof map], string | null>>;
}
