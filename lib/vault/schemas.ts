import { z } from "zod";
import { browseQuerySchema } from "../paging/browse-query";
import { CUSTOMER_FIELDS } from "./browse-filter";
import { freeText, type FreeTextOptions } from "../validation/free-text";

// Request and response shapes of the Customer Vault API. Lengths and names
// are the reference Platform API's, so its clients' requests fit; unknown
// fields are dropped, as clients of that API send extra ones
// (docs/api-contract.md). lib/openapi publishes these shapes. Every field a
// client writes in its own words goes through freeText (no card number, no
// control characters: lib/validation/free-text.ts).

/** Optional free text up to max characters; null is accepted as "not given". */
const text = (max: number, options?: FreeTextOptions) => freeText(z.string().max(max, `must be at most ${max} characters`), options).nullish();
const digitsExactly = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`), `must be exactly ${n} digits`);

export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9]{1,32}$/;
export const CARD_ID_PATTERN = /^[0-9a-f]{32}$/;

export const CustomerIdSchema = z.string().regex(CUSTOMER_ID_PATTERN, "must be 1 to 32 letters and digits");
/**
 * A customer_id a client chooses for a new customer: a card number is refused
 * there too. Lookups keep CustomerIdSchema, so a customer stored before the
 * rule can still be read, corrected and deleted.
 */
export const NewCustomerIdSchema = freeText(CustomerIdSchema);
export const CardIdSchema = z.string().regex(CARD_ID_PATTERN, "must be 32 lowercase hex characters");
export const ShippingIdSchema = z
  .number({ error: "must be an integer" })
  .int("must be an integer")
  .positive("must be a positive integer")
  .max(9_999_999_999, "must be at most 10 digits");

const email = freeText(
  z
    .string()
    .max(64, "must be at most 64 characters")
    .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address"),
).nullish();

const ExpDateSchema = z.string().regex(/^(0[1-9]|1[0-2])\d{2}$/, "must be MMYY");

/** billing_email is an array in the reference; a lone string is accepted too. */
const BillingEmailSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === "string" ? [v] : v))
  .pipe(z.array(freeText(z.string().max(128, "must be at most 128 characters"))).max(10, "at most 10 addresses"))
  .nullish();

const billingFields = {
  billing_first_name: text(32),
  billing_last_name: text(32),
  billing_firm_name: text(64),
  billing_email: BillingEmailSchema,
  billing_addr1: text(128),
  billing_addr2: text(128),
  billing_city: text(64),
  billing_state: text(3),
  billing_zip4: digitsExactly(4).nullish(),
  billing_country: text(128),
  billing_country_code: z
    .string()
    .regex(/^[A-Za-z0-9]{3}$/, "must be a 3-character ISO country code")
    .nullish(),
  verify: z.boolean().optional(),
  primary: z.boolean().optional(),
};

export const AddBillingCardSchema = z.object({
  card_number: z.string().optional(),
  exp_date: ExpDateSchema.optional(),
  cvv2: z
    .string()
    .regex(/^\d{3,4}$/, "must be 3 or 4 digits")
    .optional(),
  card_id: CardIdSchema.optional(),
  type_id: z.literal("C", { error: "only cards (type_id C) are supported" }).optional(),
  // Required with a card_number (lib/vault/prepare-card.ts); a card_id
  // token from the embedded form brings the zip typed there.
  billing_zip: freeText(z.string().min(1, "is required").max(10, "must be at most 10 characters")).optional(),
  ...billingFields,
});
export type AddBillingCardInput = z.infer<typeof AddBillingCardSchema>;

export const UpdateBillingCardSchema = z.object({
  card_id: CardIdSchema,
  // A number cannot change: a card_id stands for one number (docs/api-contract.md).
  card_number: z.undefined({ error: "cannot be changed; add a new card instead" }).optional(),
  exp_date: ExpDateSchema.optional(),
  cvv2: z
    .string()
    .regex(/^\d{3,4}$/, "must be 3 or 4 digits")
    .optional(),
  billing_zip: freeText(z.string().min(1, "cannot be empty").max(10, "must be at most 10 characters")).optional(),
  ...billingFields,
});
export type UpdateBillingCardInput = z.infer<typeof UpdateBillingCardSchema>;

export const CardIdBodySchema = z.object({ card_id: CardIdSchema });

const shippingFields = {
  shipping_firm_name: text(64),
  shipping_addr1: text(128),
  shipping_addr2: text(128),
  shipping_city: text(64),
  shipping_state: text(3),
  shipping_zip: text(10),
  shipping_zip4: digitsExactly(4).nullish(),
  shipping_country: text(128),
  shipping_country_code: z
    .string()
    .regex(/^[A-Za-z0-9]{3}$/, "must be a 3-character ISO country code")
    .nullish(),
  primary: z.boolean().optional(),
};
const requiredName = freeText(z.string().min(1, "is required").max(32, "must be at most 32 characters"));

export const AddShippingAddressSchema = z.object({
  shipping_first_name: requiredName,
  shipping_last_name: requiredName,
  ...shippingFields,
});
export type AddShippingAddressInput = z.infer<typeof AddShippingAddressSchema>;

export const UpdateShippingAddressSchema = AddShippingAddressSchema.extend({ shipping_id: ShippingIdSchema });
export type UpdateShippingAddressInput = z.infer<typeof UpdateShippingAddressSchema>;

export const ShippingIdBodySchema = z.object({ shipping_id: ShippingIdSchema });

export const customerFields = {
  customer_first_name: text(32),
  customer_last_name: text(32),
  customer_firm_name: text(64),
  customer_phone: text(16),
  customer_email: email,
  reference_id: text(128),
  // The one field that may span lines (tab, line feed and carriage return allowed).
  comments: text(128, { multiLine: true }),
  developer_id: text(32),
};

const hasCustomerName = (c: { customer_first_name?: string | null; customer_last_name?: string | null; customer_firm_name?: string | null }) =>
  Boolean(c.customer_first_name || c.customer_last_name || c.customer_firm_name);
const NAME_RULE = "a customer name (first or last) or customer_firm_name is required";

export const AddCustomerSchema = z
  .object({
    customer_id: NewCustomerIdSchema.optional(),
    auto_generate_customer_id: z.boolean().optional(),
    ...customerFields,
    billing_cards: z.array(AddBillingCardSchema).max(20, "at most 20 cards per request").optional(),
    shipping_addresses: z.array(AddShippingAddressSchema).max(20, "at most 20 addresses per request").optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.customer_id && !c.auto_generate_customer_id) {
      ctx.addIssue({ code: "custom", path: ["customer_id"], message: "is required unless auto_generate_customer_id is true" });
    }
    if (c.customer_id && c.auto_generate_customer_id) {
      ctx.addIssue({ code: "custom", path: ["customer_id"], message: "must be omitted when auto_generate_customer_id is true" });
    }
    if (!hasCustomerName(c)) ctx.addIssue({ code: "custom", path: ["customer_first_name"], message: NAME_RULE });
  });
export type AddCustomerInput = z.infer<typeof AddCustomerSchema>;

export const UpdateCustomerSchema = z.object({
  // Immutable: allowed only when it equals the path's id.
  customer_id: z.string().optional(),
  ...customerFields,
  billing_cards: z
    .array(
      AddBillingCardSchema.extend({
        card_number: z.string().optional(),
        billing_zip: freeText(z.string().min(1, "cannot be empty").max(10, "must be at most 10 characters")).optional(),
      }),
    )
    .max(20, "at most 20 cards per request")
    .optional(),
  shipping_addresses: z
    .array(AddShippingAddressSchema.extend({ shipping_id: ShippingIdSchema.optional() }))
    .max(20, "at most 20 addresses per request")
    .optional(),
});
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerSchema>;

export { hasCustomerName, NAME_RULE };

export const CustomerPathSchema = z.object({ customer_id: CustomerIdSchema });

/** GET /platform/vault/customer: paging, sorting and filters. */
export const BrowseQuerySchema = browseQuerySchema(CUSTOMER_FIELDS, { orderOn: "customer_id", orderBy: "desc" });
export type BrowseQuery = z.infer<typeof BrowseQuerySchema>;
export const ShippingPathSchema = z.object({
  customer_id: CustomerIdSchema,
  id: z
    .string()
    .regex(/^\d{1,10}$/, "must be an integer shipping_id")
    .transform((v) => Number(v)),
});

// ---- Responses: what lib/vault/to-response.ts builds (its test checks them against these). ----

export const BillingCardResponseSchema = z.strictObject({
  card_id: z.string(),
  card_number: z.string().regex(/^\d{6}x+\d{4}$/),
  card_type: z.string(),
  exp_date: z.string(),
  billing_first_name: z.string().optional(),
  billing_last_name: z.string().optional(),
  billing_firm_name: z.string().optional(),
  billing_email: z.array(z.string()).optional(),
  billing_addr1: z.string().optional(),
  billing_addr2: z.string().optional(),
  billing_city: z.string().optional(),
  billing_state: z.string().optional(),
  billing_zip: z.string(),
  billing_zip4: z.string().optional(),
  billing_country: z.string().optional(),
  billing_country_code: z.string().optional(),
  primary: z.boolean(),
});
export type BillingCardResponse = z.infer<typeof BillingCardResponseSchema>;

export const ShippingAddressResponseSchema = z.strictObject({
  shipping_id: z.number().int(),
  shipping_first_name: z.string(),
  shipping_last_name: z.string(),
  shipping_firm_name: z.string().optional(),
  shipping_addr1: z.string().optional(),
  shipping_addr2: z.string().optional(),
  shipping_city: z.string().optional(),
  shipping_state: z.string().optional(),
  shipping_zip: z.string().optional(),
  shipping_zip4: z.string().optional(),
  shipping_country: z.string().optional(),
  shipping_country_code: z.string().optional(),
  primary: z.boolean(),
});
export type ShippingAddressResponse = z.infer<typeof ShippingAddressResponseSchema>;

export const CustomerResponseSchema = z.strictObject({
  customer_id: z.string(),
  node_id: z.number().int(),
  customer_first_name: z.string().optional(),
  customer_last_name: z.string().optional(),
  customer_firm_name: z.string().optional(),
  customer_phone: z.string().optional(),
  customer_email: z.string().optional(),
  reference_id: z.string().optional(),
  comments: z.string().optional(),
  developer_id: z.string().optional(),
  primary_card_number: z.string().optional(),
  billing_cards: z.array(BillingCardResponseSchema),
  shipping_addresses: z.array(ShippingAddressResponseSchema),
});
export type CustomerResponse = z.infer<typeof CustomerResponseSchema>;
