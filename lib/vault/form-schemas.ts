import { z } from "zod";
import { AddCustomerSchema, AddShippingAddressSchema, UpdateCustomerSchema, UpdateShippingAddressSchema } from "./schemas";

// The portal's customer and address forms, shared by the browser's
// react-hook-form resolver and the portal's route handlers. They are the
// API's own schemas (lib/vault/schemas.ts), so the portal and the API accept
// and refuse the same values, with one difference: the portal takes no
// cards with a customer. A card comes in only through the embedded card
// form (a token), so no card number ever passes through a portal request.

const NO_CARDS = "cards are added with the card form, not with the customer";
const noLists = {
  billing_cards: z.undefined({ error: NO_CARDS }).optional(),
  shipping_addresses: z.undefined({ error: "addresses are added one at a time" }).optional(),
};

/** POST /portal/api/customers: AddCustomerSchema without cards or addresses. */
export const PortalAddCustomerSchema = AddCustomerSchema.safeExtend(noLists);
export type PortalAddCustomerInput = z.infer<typeof PortalAddCustomerSchema>;

/** PATCH /portal/api/customers/{id}: UpdateCustomerSchema's customer fields (omitted stay, null clears). */
export const PortalUpdateCustomerSchema = UpdateCustomerSchema.extend(noLists);
export type PortalUpdateCustomerInput = z.infer<typeof PortalUpdateCustomerSchema>;

/** The customer fields the portal's forms show, in their order. */
export const CUSTOMER_FORM_FIELDS = [
  "customer_first_name",
  "customer_last_name",
  "customer_firm_name",
  "customer_email",
  "customer_phone",
  "reference_id",
  "comments",
] as const;
export type CustomerFormField = (typeof CUSTOMER_FORM_FIELDS)[number];

/** The shipping address fields the portal's forms show, in their order. */
export const SHIPPING_FORM_FIELDS = [
  "shipping_first_name",
  "shipping_last_name",
  "shipping_firm_name",
  "shipping_addr1",
  "shipping_addr2",
  "shipping_city",
  "shipping_state",
  "shipping_zip",
  "shipping_country_code",
] as const;
export type ShippingFormField = (typeof SHIPPING_FORM_FIELDS)[number];

/**
 * A form's text inputs as the API expects them: trimmed, and a blank field
 * left out (creating) or null (editing, which clears it, as the API's PUT
 * does). A blank required field stays "", so the schema says "is required".
 */
export function formBody(values: Record<string, unknown>, blank: "omit" | "null", required: readonly string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const text = typeof value === "string" ? value.trim() : value;
    if (required.includes(name)) body[name] = text ?? "";
    else if (text === "" || text === undefined) {
      if (blank === "null") body[name] = null;
    } else body[name] = text;
  }
  return body;
}

const SHIPPING_NAMES = ["shipping_first_name", "shipping_last_name"] as const;

/** The new-customer form: a blank customer_id asks the vault to make one (auto_generate_customer_id). */
export const NewCustomerFormSchema = z.preprocess((values: Record<string, unknown>) => {
  const body = formBody(values, "omit");
  return body.customer_id === undefined ? { ...body, auto_generate_customer_id: true } : body;
}, PortalAddCustomerSchema);

/** The edit form: a field emptied is cleared. */
export const EditCustomerFormSchema = z.preprocess((values: Record<string, unknown>) => formBody(values, "null"), PortalUpdateCustomerSchema);

/** The address forms: blank optional fields left out when adding, cleared when editing. */
export const NewShippingFormSchema = z.preprocess((values: Record<string, unknown>) => formBody(values, "omit", SHIPPING_NAMES), AddShippingAddressSchema);
/** The edit form of address shippingId (which the form does not show). */
export const editShippingFormSchema = (shippingId: number) =>
  z.preprocess((values: Record<string, unknown>) => ({ ...formBody(values, "null", SHIPPING_NAMES), shipping_id: shippingId }), UpdateShippingAddressSchema);
