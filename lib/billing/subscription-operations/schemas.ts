import { z } from "zod";
import { browseQuerySchema } from "../../paging/browse-query";
import { freeText } from "../../validation/free-text";
import { AddCustomerSchema, CardIdSchema, CustomerIdSchema } from "../../vault/schemas";
import type { PlanFrequency } from "../plan-schedule";
import { AddPlanSchema, PlanCodeSchema } from "../plans/schemas";
import { parseDay } from "../utc-date";

// Request and response shapes of the subscription operations (the
// reference's AddSubscriptionRequest, UpdateSubscriptionRequest,
// Pause/Resume/CancelSubscriptionRequest, SubscriptionLabel and
// Subscription): names, lengths and enums are its own; unknown fields are
// ignored, profile_id and pct_fee among them. These schemas check each field
// alone; the rules between fields (on-plan or off-plan, customer_id or
// customer) are in ./new-subscription-terms.ts and ./subscriber.ts
// (docs/billing.md, "Subscriptions").

/** The statuses of Subscription: A active, D complete, P paused, C cancelled, S suspended. */
export const SUBSCRIPTION_STATUSES = ["A", "D", "P", "C", "S"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A UTC calendar day as the reference writes it: YYYY-MM-DD. */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((text) => parseDay(text) !== null, "is not a calendar date");

/** subscription_id is an integer; a well-formed id past the column's range cannot exist, so it is a 404 (./get-subscription-or-throw.ts). */
export const SubscriptionPathSchema = z.object({
  subscription_id: z
    .string()
    .regex(/^\d{1,10}$/, "must be an integer of at most 10 digits")
    .transform(Number),
});

// The off-plan fields are the plan's own (the same rules, ../plans/schemas.ts), each optional here.
const plan = AddPlanSchema.shape;

export const AddSubscriptionSchema = z.object({
  date_start: DateSchema,
  customer_id: CustomerIdSchema.optional(),
  customer: AddCustomerSchema.optional(),
  use_existing_customer: z.boolean().optional(),
  card_id: CardIdSchema.optional(),
  plan_code: PlanCodeSchema.optional(),
  plan_desc: plan.plan_desc.optional(),
  plan_frequency: plan.plan_frequency.optional(),
  interval: plan.interval,
  plan_duration: plan.plan_duration.optional(),
  amt_tran: plan.amt_tran.optional(),
  amt_setup: plan.amt_setup,
  tran_currency: plan.tran_currency,
  purchase_id: freeText(z.string().min(1, "must not be empty").max(25, "must be at most 25 characters")).optional(),
  amt_setup_ignore: z.boolean().optional(),
  cancel_on_setup_fail: z.boolean().optional(),
});
export type AddSubscriptionInput = z.infer<typeof AddSubscriptionSchema>;

/** The fields only an off-plan subscription (without plan_code) takes. */
export const OFF_PLAN_FIELDS = ["plan_desc", "plan_frequency", "interval", "plan_duration", "amt_tran", "amt_setup", "tran_currency", "purchase_id"] as const;

export const UpdateSubscriptionSchema = z.object({
  date_start: DateSchema.optional(),
  card_id: z.union([z.literal(""), CardIdSchema], { error: "must be 32 lowercase hex characters, or empty for the customer's primary card" }).optional(),
});
export type UpdateSubscriptionInput = z.infer<typeof UpdateSubscriptionSchema>;

/** Pause, resume and cancel: the subscriber's customer_id, which must be the subscription's. */
export const SubscriberBodySchema = z.object({ customer_id: CustomerIdSchema });
export type SubscriberBody = z.infer<typeof SubscriberBodySchema>;

/** The fields a subscription browse sorts on, and their columns. date_next sorts on the day the billing run next charges (none for P, S, C and D: they come last). */
export const SUBSCRIPTION_SORT_FIELDS = {
  date_next: "dueDay",
  date_start: "dateStart",
  subscription_id: "id",
  customer_id: "customerId",
  status: "status",
  plan_code: "planCode",
  plan_id: "planId",
  plan_frequency: "frequency",
  recur_amt: "amountMinor",
} as const;

/** The fields a subscription browse filters on (text columns), and their columns. */
export const SUBSCRIPTION_FILTER_FIELDS = {
  customer_id: "customerId",
  status: "status",
  plan_code: "planCode",
  plan_name: "planName",
  plan_desc: "description",
  card_id: "cardId",
  purchase_id: "purchaseId",
  date_start: "dateStart",
} as const;

/** Of those, the columns that are never null. */
export const REQUIRED_FILTER_COLUMNS = ["customerId", "status", "description", "dateStart"];

/** GET /subscription: paging, sorting and filters; the reference's default order is date_next, descending. */
export const BrowseSubscriptionsQuerySchema = browseQuerySchema(SUBSCRIPTION_SORT_FIELDS, { orderOn: "date_next", orderBy: "desc" });
export type BrowseSubscriptionsQuery = z.infer<typeof BrowseSubscriptionsQuerySchema>;

// ---- Labels (the reference's custom fields) ----

export const MAX_LABEL_NAME = 64;
export const MAX_LABEL_VALUE = 128;

const LabelNameSchema = freeText(z.string().min(1, "must not be empty").max(MAX_LABEL_NAME, `must be at most ${MAX_LABEL_NAME} characters`));
const LabelValueSchema = freeText(z.string().max(MAX_LABEL_VALUE, `must be at most ${MAX_LABEL_VALUE} characters`));

/** labels/add and labels/edit: a name and its value. */
export const LabelBodySchema = z.object({ name: LabelNameSchema, value: LabelValueSchema });
export type LabelBody = z.infer<typeof LabelBodySchema>;
/** labels/delete: the name; a value sent with it is not read. */
export const LabelNameBodySchema = z.object({ name: LabelNameSchema });

export const LABEL_SORT_FIELDS = { name: "name", value: "value" } as const;
export const LABEL_FILTER_FIELDS = { name: "name", value: "value" } as const;
export const BrowseLabelsQuerySchema = browseQuerySchema(LABEL_SORT_FIELDS, { orderOn: "name", orderBy: "asc" });
export type BrowseLabelsQuery = z.infer<typeof BrowseLabelsQuerySchema>;

// ---- Answers ----

/** A label as the reference's SubscriptionLabel shows it. */
export type LabelResponse = { source: "SUBSCRIPTION"; source_id: number; name: string; value: string };

/** The setup fee's gateway answer (the reference's GatewayResponse), as the charge gave it. */
export type SetupFeeResponse = Record<string, unknown>;

/**
 * A subscription as the API answers it: the reference's Subscription
 * (./subscription-rows.ts builds it; lib/openapi/response-schemas.ts
 * describes it). Dates are YYYY-MM-DD, or empty where there is none; the
 * prorate_ and trial_ fields appear only when the schedule has them.
 */
export type SubscriptionResponse = {
  subscription_id: number;
  merchant_id: number;
  customer_id: string;
  customer_first_name: string;
  customer_last_name: string;
  card_id: string;
  status: SubscriptionStatus;
  subscription_on_plan: boolean;
  plan_id: number;
  plan_code?: string;
  plan_name?: string;
  plan_desc: string;
  plan_frequency: PlanFrequency;
  interval: number;
  plan_duration: number;
  tran_currency: string;
  amt_setup: number;
  date_start: string;
  date_next: string;
  date_end: string;
  prorate_date_start?: string;
  prorate_amt?: number;
  trial_date_start?: string;
  trial_date_end?: string;
  trial_amt?: number;
  recur_date_start: string;
  recur_date_end: string;
  recur_amt: number;
  purchase_id?: string;
  response?: SetupFeeResponse;
};
