import { z } from "zod";
import { CardIdSchema, NewCustomerIdSchema, customerFields } from "../vault/schemas";
import { RedirectUrlSchema } from "../urls/redirect-url";
import { freeText } from "../validation/free-text";
import { HOSTED_LOCALES } from "../i18n/locales";
import { isCountryCode } from "./countries";

// POST /platform/checkout (the reference's Checkout tag): a card-capture link,
// or, with amt_tran above 0, a payment link (docs/payments.md, "Payment
// links"). Fields the vault has no use for (profile_id, ...) are ignored,
// like any unknown field.

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
  /** A payment link's charge: a sale (the default), or an auth to capture later. */
  request_type: z.enum(["sale", "auth"], { error: "must be sale or auth" }).optional(),
  // The vault's own preferences for its hosted page (docs/api-contract.md, "Checkout links").
  /** The page's language, over the browser's Accept-Language. */
  locale: z.enum(HOSTED_LOCALES, { error: `must be one of ${HOSTED_LOCALES.join(", ")}` }).optional(),
  /** The country select's starting choice (else US). */
  default_country: z
    .string({ error: "must be an ISO 3166-1 alpha-2 country code, such as US or DE" })
    .refine(isCountryCode, "must be an ISO 3166-1 alpha-2 country code, such as US or DE")
    .optional(),
  /** The billing address section starts open. */
  request_billing_address: z.boolean({ error: "must be true or false" }).optional(),
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
  /** Above 0: a payment link for this amount, a decimal in major units (amount.ts); absent or 0: a card-capture link. */
  amt_tran: z.union([z.number(), z.string()], { error: "must be a decimal amount, such as 10 or 10.50" }).optional(),
  tran_currency: z.number({ error: "must be an ISO 4217 numeric currency code" }).int("must be an ISO 4217 numeric currency code").optional(),
  purchase_id: freeText(z.string().max(25, "must be at most 25 characters")).optional(),
  merch_ref_num: freeText(z.string().max(128, "must be at most 128 characters")).optional(),
});
export type CreateCheckoutInput = z.infer<typeof CreateCheckoutSchema>;

export const CheckoutPathSchema = z.object({
  checkoutId: z.string().regex(CHECKOUT_ID_PATTERN, "must be 32 lowercase hex characters"),
});

/**
 * A link's state as its page and its submits act on it; "pending": a payment
 * on it is being made, or its outcome is not known yet.
 */
export type CheckoutState = "open" | "pending" | "spent" | "expired" | "locked";

/**
 * A link's state as the merchant sees it (the API and the portal): a link the
 * merchant cancelled is "cancelled" there, while its page and submits treat
 * it as expired, its expiry being the moment it was cancelled
 * (docs/decisions/018-cancelled-links.md).
 */
export const LINK_STATES = ["open", "pending", "spent", "expired", "locked", "cancelled"] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** A gateway answer on a payment link, as GET /platform/checkout/{id} lists them: pg_id first. */
export type CheckoutTransaction = { pg_id: string; rcode: string; rmsg: string; auth_code?: string; amt_tran: number; tran_type: string };

export type CheckoutResponse = {
  checkout_id: string;
  checkout_link: string;
  merchant_id: number;
  customer_id: string;
  /** The card the link updates, or, once spent, the card it stored. */
  card_id?: string;
  state: LinkState;
  failed_attempts: number;
  expiry_time: string;
  db_timestamp: string;
  spent_time?: string;
  locked_time?: string;
  success_url?: string;
  failure_url?: string;
  /** The payment link's amount; 0 for a card-capture link. */
  amt_tran: number;
  tran_currency: string;
  purchase_id?: string;
  merch_ref_num?: string;
  locale?: string;
  default_country?: string;
  request_billing_address?: boolean;
  /** A payment link's gateway answers, oldest first (GET only). */
  transactions?: CheckoutTransaction[];
};
