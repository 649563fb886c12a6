import { z } from "zod";
import { CardIdSchema, NewCustomerIdSchema, customerFields } from "../vault/schemas";
import { RedirectUrlSchema } from "../urls/redirect-url";

// POST /platform/checkout for vault links (the reference's Checkout tag).
// Payment-link fields (amt_tran, purchase_id, profile_id, ...) belong to the
// billing work and are ignored here, like any unknown field.

export const CHECKOUT_ID_PATTERN = /^[0-9a-f]{32}$/;
export const MIN_EXPIRE_SECS = 900;
export const MAX_EXPIRE_SECS = 7_776_000;

export const CheckoutPreferencesSchema = z.object({
  success_url: RedirectUrlSchema.optional(),
  failure_url: RedirectUrlSchema.optional(),
  expire_in_secs: z
    .number({ error: "must be an integer" })
    .int("must be an integer")
    .min(MIN_EXPIRE_SECS, `must be at least ${MIN_EXPIRE_SECS}`)
    .max(MAX_EXPIRE_SECS, `must be at most ${MAX_EXPIRE_SECS}`)
    .default(MIN_EXPIRE_SECS),
});

export const CreateCheckoutSchema = z.object({
  // A new customer_id creates the customer, so it follows the free-text rule of a new one.
  customer_id: NewCustomerIdSchema,
  card_id: CardIdSchema.optional(),
  customer_first_name: customerFields.customer_first_name,
  customer_last_name: customerFields.customer_last_name,
  customer_firm_name: customerFields.customer_firm_name,
  customer_email: customerFields.customer_email,
  customer_phone: customerFields.customer_phone,
  preferences: CheckoutPreferencesSchema.default({ expire_in_secs: MIN_EXPIRE_SECS }),
});
export type CreateCheckoutInput = z.infer<typeof CreateCheckoutSchema>;

export const CheckoutPathSchema = z.object({
  checkoutId: z.string().regex(CHECKOUT_ID_PATTERN, "must be 32 lowercase hex characters"),
});

/** A link's state as the merchant sees it. */
export type CheckoutState = "open" | "spent" | "expired" | "locked";

export type CheckoutResponse = {
  checkout_id: string;
  checkout_link: string;
  merchant_id: number;
  customer_id: string;
  /** The card the link updates, or, once spent, the card it stored. */
  card_id?: string;
  state: CheckoutState;
  failed_attempts: number;
  expiry_time: string;
  db_timestamp: string;
  spent_time?: string;
  locked_time?: string;
  success_url?: string;
  failure_url?: string;
};
