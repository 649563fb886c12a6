import { z } from "zod";
import { freeText } from "../validation/free-text";
import { CardIdSchema, CustomerIdSchema } from "../vault/schemas";

// Request shapes of the payment gateway API (/pg), from the reference's
// PGApi*Request schemas: names and lengths are its own, unknown fields are
// dropped (its clients send many we have no use for: level 3 data, 3-D
// Secure, ACH). Amounts stay as sent here and are turned into minor units
// with their currency (amount.ts): the number of decimals allowed depends on it.

const text = (max: number) => freeText(z.string().max(max, `must be at most ${max} characters`)).optional();

/** Required in the body, as the reference says: the key's own merchant_id, or 0 for "the key's own". */
const MerchantIdSchema = z
  .number({ error: "is required: the API key's merchant_id, or 0" })
  .int("must be an integer")
  .nonnegative("must be the API key's merchant_id, or 0");

/** A decimal in major units, as a JSON number or a numeric string; checked against the currency by amount.ts. */
const AmountSchema = z.union([z.number(), z.string()], { error: "must be a decimal amount, such as 10 or 10.50" });

export const PgIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "must be 32 lowercase hex characters");
export const PgPathSchema = z.object({ pg_id: PgIdSchema });

const ExpDateSchema = z.string({ error: "is required" }).regex(/^(0[1-9]|1[0-2])\d{2}$/, "must be MMYY");

/** The card's fields, the same wherever a card is sent (exp_date aside: required on tokenize). */
const cardFields = {
  card_id: CardIdSchema.optional(),
  card_number: z.string().max(40, "is not a valid card number").optional(),
  cvv2: z
    .string()
    .regex(/^\d{3,4}$/, "must be 3 or 4 digits")
    .optional(),
  avs_zip: freeText(z.string().regex(/^[A-Za-z0-9 -]{1,9}$/, "must be at most 9 letters and digits")).optional(),
  avs_address: text(20),
  cardholder_name: text(64),
};

const common = {
  merchant_id: MerchantIdSchema,
  developer_id: text(32),
  /** Echoed back unchanged in the answer. */
  echo_fields: z.string().max(4096, "must be at most 4096 characters").optional(),
};

export const PgTransactionRequestSchema = z.object({
  ...common,
  amt_tran: AmountSchema.optional(),
  tran_currency: z.number({ error: "must be an ISO 4217 numeric currency code" }).int("must be an ISO 4217 numeric currency code").optional(),
  ...cardFields,
  customer_id: CustomerIdSchema.optional(),
  exp_date: ExpDateSchema.optional(),
  merch_ref_num: text(128),
  purchase_id: text(25),
  partial_auth: z.boolean({ error: "must be true or false" }).optional(),
  tokenize: z.boolean({ error: "must be true or false" }).optional(),
  duplicate_seconds: z
    .number({ error: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must not be negative")
    .max(99_999, "must be at most 5 digits")
    .optional(),
  moto_ecomm_ind: z
    .string()
    .regex(/^[0-7]$/, "must be one digit, 0 to 7")
    .optional(),
  client_ip: z.string().max(45, "must be an IP address").optional(),
});
export type PgTransactionRequest = z.infer<typeof PgTransactionRequestSchema>;

export const PgAmountRequestSchema = z.object({ ...common, amt_tran: AmountSchema.optional() });
export type PgAmountRequest = z.infer<typeof PgAmountRequestSchema>;

export const PgVoidRequestSchema = z.object(common);
export type PgVoidRequest = z.infer<typeof PgVoidRequestSchema>;

export const PgTokenizeRequestSchema = z.object({ ...common, ...cardFields, exp_date: ExpDateSchema });
export type PgTokenizeRequest = z.infer<typeof PgTokenizeRequestSchema>;

export const PgExpireTokenRequestSchema = z.object({ ...common, card_id: CardIdSchema });
export type PgExpireTokenRequest = z.infer<typeof PgExpireTokenRequestSchema>;
