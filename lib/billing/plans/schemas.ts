import { z } from "zod";
import { browseQuerySchema } from "../../paging/browse-query";
import { freeText } from "../../validation/free-text";
import { FREQUENCY, type PlanFrequency } from "../plan-schedule";

// Request and response shapes of the plan operations (the reference's
// AddRecurringPlanRequest, UpdateRecurringPlanRequest and RecurringPlan):
// names, lengths and enums are its own; unknown fields are ignored. These
// schemas check each field alone; the rules between fields (an interval only
// on weekly and monthly plans, the specific-day fields, trials, proration)
// are in ./plan-rules.ts, and amounts, which depend on the currency, in
// ./plan-terms.ts (docs/billing.md, "Plans").

/** plan_frequency codes (the schedule's, ../plan-schedule.ts) and the words messages use for them. */
export const PLAN_FREQUENCIES: Record<PlanFrequency, string> = {
  [FREQUENCY.weekly]: "weekly",
  [FREQUENCY.biWeekly]: "bi-weekly",
  [FREQUENCY.monthly]: "monthly",
  [FREQUENCY.quarterly]: "quarterly",
  [FREQUENCY.biAnnually]: "bi-annually",
  [FREQUENCY.annually]: "annually",
  [FREQUENCY.daily]: "daily",
};
export type { PlanFrequency };
export const FREQUENCY_CODES = Object.values(FREQUENCY) as [PlanFrequency, ...PlanFrequency[]];
const FREQUENCY_MESSAGE = `must be one of ${Object.entries(PLAN_FREQUENCIES)
  .map(([code, name]) => `${code} (${name})`)
  .join(", ")}`;

/** The statuses of RecurringPlan: E active, A archived, D deleted. */
export const PLAN_STATUSES = ["E", "A", "D"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const DBA_SUFFIXES = ["END DSCNT", "END OFFER", "END PROMO", "END TRIAL"] as const;

/** plan_desc: the reference gives no length; this vault keeps it to 255 characters. */
export const MAX_PLAN_DESC = 255;

export const PlanCodeSchema = z.string().regex(/^[A-Za-z0-9]{1,16}$/, "must be 1 to 16 letters and digits");

export const PlanCodePathSchema = z.object({ plan_code: PlanCodeSchema });
export const PlanIdPathSchema = z.object({
  plan_id: z
    .string()
    .regex(/^\d{1,10}$/, "must be an integer of at most 10 digits")
    .transform(Number),
});

const integer = (min: number, max: number, range: string) =>
  z.number({ error: "must be an integer" }).int("must be an integer").min(min, `must be ${range}`).max(max, `must be ${range}`);

/** A decimal in major units, as a JSON number or a numeric string; checked against the currency by ./plan-terms.ts. */
const AmountSchema = z.union([z.number(), z.string()], { error: "must be a decimal amount, such as 10 or 10.50" });

const planFields = {
  plan_name: freeText(z.string().min(1, "is required").max(64, "must be at most 64 characters")),
  plan_desc: freeText(z.string().min(1, "is required").max(MAX_PLAN_DESC, `must be at most ${MAX_PLAN_DESC} characters`)),
  plan_frequency: z.literal(FREQUENCY_CODES, { error: FREQUENCY_MESSAGE }),
  interval: integer(1, 99, "from 1 to 99"),
  plan_duration: integer(-1, 9999, "-1 (until cancelled) or from 1 to 9999").refine((n) => n !== 0, "must be -1 (until cancelled) or from 1 to 9999"),
  trial_duration: integer(0, 99, "from 0 to 99"),
  amt_trial: AmountSchema,
  amt_setup: AmountSchema,
  amt_tran: AmountSchema,
  tran_currency: z
    .string({ error: 'must be a string: an ISO 4217 numeric code such as "840"' })
    .regex(/^\d{3}$/, "must be an ISO 4217 numeric code of 3 digits"),
  bill_specific_day: z.boolean(),
  day_of_week: integer(1, 7, "from 1 (Sunday) to 7 (Saturday)"),
  day_of_month: integer(1, 32, "from 1 to 31, or 32 for the month's last day"),
  month: integer(1, 12, "from 1 (January) to 12 (December)"),
  prorate_first_pmt: z.boolean(),
  amt_prorate: AmountSchema,
  dba_suffix: z.enum(DBA_SUFFIXES, { error: `must be one of ${DBA_SUFFIXES.join(", ")}` }),
};

export const AddPlanSchema = z.object({
  plan_code: PlanCodeSchema,
  plan_name: planFields.plan_name,
  plan_desc: planFields.plan_desc,
  plan_frequency: planFields.plan_frequency,
  plan_duration: planFields.plan_duration,
  amt_tran: planFields.amt_tran,
  interval: planFields.interval.optional(),
  trial_duration: planFields.trial_duration.optional(),
  amt_trial: planFields.amt_trial.optional(),
  amt_setup: planFields.amt_setup.optional(),
  tran_currency: planFields.tran_currency.optional(),
  bill_specific_day: planFields.bill_specific_day.optional(),
  day_of_week: planFields.day_of_week.optional(),
  day_of_month: planFields.day_of_month.optional(),
  month: planFields.month.optional(),
  prorate_first_pmt: planFields.prorate_first_pmt.optional(),
  amt_prorate: planFields.amt_prorate.optional(),
  dba_suffix: planFields.dba_suffix.optional(),
});
export type AddPlanInput = z.infer<typeof AddPlanSchema>;

/** Partial: only the fields sent change (./plan-terms.ts says what happens to those that no longer apply). */
export const UpdatePlanSchema = AddPlanSchema.omit({ plan_code: true }).partial();
export type UpdatePlanInput = z.infer<typeof UpdatePlanSchema>;

/** The fields a plan browse sorts on, and their columns. */
export const PLAN_SORT_FIELDS = {
  plan_code: "code",
  plan_id: "id",
  plan_name: "name",
  plan_desc: "description",
  status: "status",
  plan_frequency: "frequency",
  amt_tran: "amountMinor",
  db_timestamp: "createdAt",
  mod_timestamp: "updatedAt",
} as const;

/** The fields a plan browse filters on (each a required text column), and their columns. */
export const PLAN_FILTER_FIELDS = { plan_code: "code", plan_name: "name", plan_desc: "description", status: "status" } as const;

/** GET /plan and GET /plan/{plan_code}: paging, sorting and filters. */
export const BrowsePlansQuerySchema = browseQuerySchema(PLAN_SORT_FIELDS, { orderOn: "plan_code", orderBy: "asc" });
export type BrowsePlansQuery = z.infer<typeof BrowsePlansQuerySchema>;

/** A plan as the API answers it: the reference's RecurringPlan (./plan-rows.ts builds it; lib/openapi/response-schemas.ts describes it). */
export type PlanResponse = {
  merchant_id: number;
  plan_id: number;
  plan_code: string;
  plan_name: string;
  plan_desc: string;
  plan_frequency: PlanFrequency;
  interval: number;
  plan_duration: number;
  status: PlanStatus;
  trial_duration: number;
  amt_trial: number;
  amt_setup: number;
  amt_tran: number;
  tran_currency: string;
  bill_specific_day: boolean;
  day_of_week?: number;
  day_of_month?: number;
  month?: number;
  prorate_first_pmt: boolean;
  amt_prorate?: number;
  dba_suffix?: (typeof DBA_SUFFIXES)[number];
  db_timestamp: string;
  mod_timestamp: string;
};
