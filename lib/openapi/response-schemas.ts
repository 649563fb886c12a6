import { z } from "zod";
import { EXTENSION } from "./operation";
import { DBA_SUFFIXES, FREQUENCY_CODES, PLAN_STATUSES, type PlanResponse } from "../billing/plans/schemas";
import { SUBSCRIPTION_STATUSES, type LabelResponse, type SubscriptionResponse } from "../billing/subscription-operations/schemas";
import type { SubscriptionTransactionResponse } from "../billing/subscription-operations/subscription-transactions";
import { LINK_STATES, type CheckoutResponse } from "../checkout/schemas";
import type { TransientKeyResponse } from "../embedded/transient-key";
import type { TransactionResponse } from "../payments/transaction-response";
import type { DeliveryAttemptResponse, DeliveryResponse, WebhookResponse } from "../webhooks/schemas";

// Answers of the checkout, embedded, webhook, transaction, plan and subscription operations, whose areas
// describe them as TypeScript types rather than zod schemas. Each schema here
// is checked against its area's type at compile time (SameShape below), so
// the document cannot drift from what the code returns.

// Strict equality of two types: optional and required fields must match too.
type SameShape<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameShape = <A, B>(check: SameShape<A, B>) => check;

const isoTime = z.string().meta({ format: "date-time" });
const hex32 = z.string().regex(/^[0-9a-f]{32}$/);

export const CheckoutResponseSchema = z
  .object({
    checkout_id: hex32,
    checkout_link: z.string().meta({ description: "The page the customer opens: PUBLIC_BASE_URL + /checkout/{checkout_id}." }),
    merchant_id: z.number().int(),
    customer_id: z.string(),
    card_id: hex32.optional().meta({ description: "The card the link updates, or, once spent, the card it stored." }),
    state: z.enum(LINK_STATES).meta({
      description:
        "pending: a payment on the link is being made, or its outcome is not known yet (a payment link only); cancelled: the merchant cancelled it in the portal.",
    }),
    failed_attempts: z.number().int().min(0),
    expiry_time: isoTime,
    db_timestamp: isoTime,
    spent_time: isoTime.optional(),
    locked_time: isoTime.optional(),
    success_url: z.string().optional(),
    failure_url: z.string().optional(),
    amt_tran: z.number().meta({ description: "A payment link's amount, in major units; 0 for a card-capture link." }),
    tran_currency: z.string().meta({ description: "ISO 4217 numeric code, three digits." }),
    purchase_id: z.string().optional(),
    merch_ref_num: z.string().optional(),
    locale: z.string().optional().meta({ description: "The hosted page's language (preferences.locale), when the link sets one." }),
    default_country: z.string().optional().meta({ description: "The country the page's select starts on (preferences.default_country), when set." }),
    request_billing_address: z.boolean().optional().meta({ description: "True when the page's billing address section starts open." }),
    transactions: z
      .array(
        z.object({
          pg_id: hex32,
          rcode: z.string(),
          rmsg: z.string(),
          auth_code: z.string().optional(),
          amt_tran: z.number(),
          tran_type: z.string(),
        }),
      )
      .optional()
      .meta({ description: "A payment link's gateway answers, oldest first: its declines, and the payment that spent it (GET only)." }),
  })
  .meta({ id: "Checkout" });
sameShape<z.output<typeof CheckoutResponseSchema>, CheckoutResponse>(true);

export const TransientKeyResponseSchema = z
  .object({
    transient_key: hex32,
    merchant_id: z.number().int(),
    db_timestamp: isoTime,
    expiry_time: isoTime.meta({ description: "30 minutes after it was made." }),
    amt_tran: z
      .number()
      .optional()
      .meta({ description: "A key made with amt_tran: the amount its form charges.", ...EXTENSION }),
    tran_currency: z
      .string()
      .optional()
      .meta({ description: "A key made with amt_tran: the ISO 4217 numeric code of its currency.", ...EXTENSION }),
  })
  .meta({ id: "TransientKey" });
sameShape<z.output<typeof TransientKeyResponseSchema>, TransientKeyResponse>(true);

export const WebhookResponseSchema = z
  .object({
    webhook_id: z.number().int(),
    webhook_node: z.string().meta({ description: "The merchant the webhook belongs to." }),
    status: z.enum(["ACTIVE", "DISABLED", "SUSPENDED"]),
    label: z.string(),
    notification_url: z.string(),
    email_address: z.array(z.string()),
    events: z.array(z.string()),
    auth_type: z.enum(["NONE", "BASIC"]),
    auth_settings: z.object({ user_name: z.string() }).optional().meta({ description: "The user name only: the password is never shown." }),
    db_timestamp: isoTime,
    secret: z.string().optional().meta({ description: "Only in the answers that create or rotate it." }),
  })
  .meta({ id: "Webhook" });
sameShape<z.output<typeof WebhookResponseSchema>, WebhookResponse>(true);

export const DeliveryResponseSchema = z
  .object({
    delivery_id: z.number().int(),
    webhook_id: z.number().int(),
    event_id: hex32,
    event: z.string(),
    status: z.enum(["PENDING", "DELIVERED", "FAILED", "EXPIRED"]),
    attempts: z.number().int().min(0),
    last_response_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt: isoTime.nullable(),
    delivered: isoTime.nullable(),
    expires: isoTime,
    db_timestamp: isoTime,
  })
  .meta({ id: "Delivery" });
sameShape<z.output<typeof DeliveryResponseSchema>, DeliveryResponse>(true);

const DeliveryAttemptSchema = z.object({
  attempted: isoTime,
  duration_ms: z.number().int(),
  response_code: z.number().int().nullable(),
  error: z.string().nullable(),
});
sameShape<z.output<typeof DeliveryAttemptSchema>, DeliveryAttemptResponse>(true);

export const DeliveryWithAttemptsSchema = DeliveryResponseSchema.extend({ attempt_log: z.array(DeliveryAttemptSchema) }).meta({
  id: "DeliveryWithAttempts",
});

export const WebhookEventsResponseSchema = z.object({ events: z.array(z.string()) });

export const PingResponseSchema = z.object({ merchant_id: z.number().int() });

function nullable<S extends z.ZodType>(schema: S, meta?: { description?: string; "x-vault-extension"?: true }) {
  const orNull = schema.nullable();
  return meta ? orNull.meta(meta) : orNull;
}

const TransactionFields = {
  merchant_id: z.number().int(),
  pg_id: hex32,
  tran_type: z.enum(["sale", "auth", "capture", "void", "refund", "credit", "verify"]).meta({ description: "What the request was.", ...EXTENSION }),
  tran_status: z.enum(["A", "C", "S", "V", "D", "F"]).meta({
    description: "A approved (an auth not captured yet, a verify), C captured, S settled, V voided, D declined, F failed (the outcome is not known).",
  }),
  tran_time: isoTime,
  amt_tran: z.number().meta({ description: "The amount approved, in major units (what was asked, when it was not approved)." }),
  amt_refunded: z.number(),
  tran_currency: z.string().meta({ description: "ISO 4217 numeric code, three digits." }),
  rcode: z.string(),
  rmsg: z.string().meta(EXTENSION),
  auth_code: nullable(z.string()),
  auth_avs_result: nullable(z.string(), EXTENSION),
  auth_cvv2_result: nullable(z.string(), EXTENSION),
  card_number: nullable(z.string(), { description: "The card, masked." }),
  card_type: nullable(z.string()),
  card_id: nullable(hex32, EXTENSION),
  customer_id: nullable(z.string()),
  merch_ref_num: nullable(z.string()),
  purchase_id: nullable(z.string()),
  settle_date: nullable(isoTime, { description: "When it settled; null until then." }),
  pg_id_orig: nullable(hex32, { description: "The transaction a capture, void or refund acted on.", ...EXTENSION }),
  connector: z.string().meta({ description: "The gateway connector it went through: sandbox, or upstream.", ...EXTENSION }),
};

export const TransactionResponseSchema = z.object(TransactionFields).meta({ id: "Transaction" });
sameShape<z.output<typeof TransactionResponseSchema>, TransactionResponse>(true);

export const TransactionDetailSchema = z
  .object({
    ...TransactionFields,
    follow_ups: z.array(TransactionResponseSchema).meta({ description: "Its captures, refunds and voids, oldest first.", ...EXTENSION }),
  })
  .meta({ id: "TransactionDetail" });

export const PlanResponseSchema = z
  .object({
    merchant_id: z.number().int(),
    plan_id: z.number().int(),
    plan_code: z.string(),
    plan_name: z.string(),
    plan_desc: z.string(),
    plan_frequency: z.literal(FREQUENCY_CODES).meta({ description: "0 weekly, 1 bi-weekly, 3 monthly, 4 quarterly, 5 bi-annually, 6 annually, 7 daily." }),
    interval: z.number().int().meta({ description: "Weeks or months per cycle: weekly and monthly plans; 1 on the others." }),
    plan_duration: z.number().int().meta({ description: "Cycles to bill; -1 until cancelled." }),
    status: z.enum(PLAN_STATUSES).meta({ description: "E active, A archived, D deleted." }),
    trial_duration: z.number().int(),
    amt_trial: z.number(),
    amt_setup: z.number(),
    amt_tran: z.number(),
    tran_currency: z.string().meta({ description: "ISO 4217 numeric code, three digits." }),
    bill_specific_day: z.boolean(),
    day_of_week: z.number().int().optional().meta({ description: "Present when the plan bills on a specific day of the week." }),
    day_of_month: z.number().int().optional().meta({ description: "Present when the plan bills on a specific day of the month; 32 is the month's last day." }),
    month: z.number().int().optional().meta({ description: "Present on an annual plan billed on a specific day." }),
    prorate_first_pmt: z.boolean(),
    amt_prorate: z.number().optional().meta({ description: "A fixed first payment; absent when it is computed from the days left in the first cycle." }),
    dba_suffix: z
      .enum(DBA_SUFFIXES)
      .optional()
      .meta({ description: "As sent when the plan was added or updated.", ...EXTENSION }),
    db_timestamp: isoTime.meta({ description: "When this version of the plan was made." }),
    mod_timestamp: isoTime,
  })
  .meta({ id: "RecurringPlan" });
sameShape<z.output<typeof PlanResponseSchema>, PlanResponse>(true);

const day = z.string().meta({ description: "YYYY-MM-DD, a UTC calendar day." });
const dayOrEmpty = z.string().meta({ description: "YYYY-MM-DD, or empty when there is none." });

export const SubscriptionResponseSchema = z
  .object({
    subscription_id: z.number().int(),
    merchant_id: z.number().int(),
    customer_id: z.string(),
    customer_first_name: z.string().meta({ description: "The subscriber's; empty when it has none, or once the customer is deleted." }),
    customer_last_name: z.string(),
    card_id: z.string().meta({ description: "The card charged; empty: the customer's primary card at each charge." }),
    status: z.enum(SUBSCRIPTION_STATUSES).meta({ description: "A active, D complete, P paused, C cancelled, S suspended." }),
    subscription_on_plan: z.boolean(),
    plan_id: z.number().int().meta({ description: "The plan version it signed up for; 0 off-plan." }),
    plan_code: z.string().optional().meta({ description: "On a plan only." }),
    plan_name: z.string().optional().meta({ description: "On a plan only." }),
    plan_desc: z.string(),
    plan_frequency: z.literal(FREQUENCY_CODES).meta({ description: "0 weekly, 1 bi-weekly, 3 monthly, 4 quarterly, 5 bi-annually, 6 annually, 7 daily." }),
    interval: z.number().int(),
    plan_duration: z.number().int().meta({ description: "Recurring cycles; -1 until cancelled." }),
    tran_currency: z.string().meta({ description: "ISO 4217 numeric code, three digits." }),
    amt_setup: z.number(),
    date_start: day,
    date_next: dayOrEmpty.meta({
      description: "Active: the day it is next charged. Paused or suspended: the date of the cycle it stands at. Empty once cancelled or complete.",
    }),
    date_end: dayOrEmpty.meta({ description: "The last cycle's date; empty until cancelled (plan_duration -1)." }),
    prorate_date_start: day.optional().meta({ description: "Present when a prorated first payment is charged, on date_start." }),
    prorate_amt: z.number().optional(),
    trial_date_start: day.optional().meta({ description: "Present with a trial: its first cycle's date." }),
    trial_date_end: day.optional().meta({ description: "Its last trial cycle's date." }),
    trial_amt: z.number().optional(),
    recur_date_start: day,
    recur_date_end: dayOrEmpty,
    recur_amt: z.number(),
    purchase_id: z.string().optional(),
    response: z.record(z.string(), z.unknown()).optional().meta({
      description: "POST /subscription with a setup fee: the gateway's answer to its charge (pg_id, rcode, rmsg, ...), the reference's GatewayResponse.",
    }),
  })
  .meta({ id: "Subscription" });
sameShape<z.output<typeof SubscriptionResponseSchema>, SubscriptionResponse>(true);

export const SubscriptionLabelSchema = z
  .object({
    source: z.literal("SUBSCRIPTION"),
    source_id: z.number().int().meta({ description: "The subscription_id." }),
    name: z.string(),
    value: z.string(),
  })
  .meta({ id: "SubscriptionLabel" });
sameShape<z.output<typeof SubscriptionLabelSchema>, LabelResponse>(true);

export const SubscriptionTransactionSchema = z
  .object({ ...TransactionFields, subscription_id: z.string().meta({ description: "The subscription it billed (a setup fee or a cycle)." }) })
  .meta({ id: "SubscriptionTransaction" });
sameShape<z.output<typeof SubscriptionTransactionSchema>, SubscriptionTransactionResponse>(true);
