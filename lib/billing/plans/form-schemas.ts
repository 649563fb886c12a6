import { z } from "zod";
import { FREQUENCY } from "../plan-schedule";
import { AddPlanSchema, DBA_SUFFIXES, PlanCodeSchema, type AddPlanInput, type UpdatePlanInput } from "./schemas";

// The portal's plan form (new plan, and a plan's edit), shared by the
// browser's react-hook-form resolver and the routes that receive it. The
// form holds text and checkboxes; the schema checks each field as the API's
// schema does (./schemas.ts, the same messages) and turns the form into the
// API's body, leaving out what the chosen frequency and options do not use
// (the form hides those fields), so a hidden field never refuses a save.
// The rules between fields and the amounts' decimals are the server's
// (./plan-terms.ts), answered field by field under the same names.

const api = AddPlanSchema.shape;

/** A whole number typed into a field, in the API schema's range and words; "" when the field may be empty. */
const wholeNumber = <T extends number>(schema: z.ZodType<T, number>) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,4}$/, "must be a whole number")
    .transform(Number)
    .pipe(schema);

const optionalWholeNumber = <T extends number>(schema: z.ZodType<T, number>) => z.union([z.literal(""), wholeNumber(schema)]);

/** An amount as typed: the currency's decimals are checked by the server, which knows them. */
const amountText = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,3})?$/, "must be an amount such as 25 or 25.50");
const optionalAmountText = z.union([z.literal(""), amountText]);

const fields = {
  plan_name: api.plan_name,
  plan_desc: api.plan_desc,
  plan_frequency: z.string().transform(Number).pipe(api.plan_frequency),
  interval: wholeNumber(api.interval.unwrap()),
  /** Checked: billed until cancelled, and plan_duration is not read. */
  until_cancelled: z.boolean(),
  plan_duration: optionalWholeNumber(z.number().int().min(1, "must be from 1 to 9999").max(9999, "must be from 1 to 9999")),
  amt_tran: amountText,
  tran_currency: api.tran_currency.unwrap(),
  trial_duration: wholeNumber(api.trial_duration.unwrap()),
  amt_trial: optionalAmountText,
  amt_setup: optionalAmountText,
  bill_specific_day: z.boolean(),
  day_of_week: optionalWholeNumber(api.day_of_week.unwrap()),
  day_of_month: optionalWholeNumber(api.day_of_month.unwrap()),
  month: optionalWholeNumber(api.month.unwrap()),
  prorate_first_pmt: z.boolean(),
  amt_prorate: optionalAmountText,
  /** "" sends none: a new plan gets none, an edited plan keeps its own. */
  dba_suffix: z.union([z.literal(""), z.enum(DBA_SUFFIXES, { error: `must be one of ${DBA_SUFFIXES.join(", ")}` })]),
};

type ParsedFields = z.output<z.ZodObject<typeof fields>>;

const WEEKLY: readonly number[] = [FREQUENCY.weekly, FREQUENCY.biWeekly];
const WITH_INTERVAL: readonly number[] = [FREQUENCY.weekly, FREQUENCY.monthly];

/** Which of the form's optional fields the chosen frequency and options use: the form shows these, and the body sends only these. */
export function planFormShows(values: { plan_frequency: number; bill_specific_day: boolean; trial_duration: number; prorate_first_pmt: boolean }) {
  const specific = values.bill_specific_day && values.plan_frequency !== FREQUENCY.daily;
  return {
    interval: WITH_INTERVAL.includes(values.plan_frequency),
    billSpecificDay: values.plan_frequency !== FREQUENCY.daily,
    dayOfWeek: specific && WEEKLY.includes(values.plan_frequency),
    dayOfMonth: specific && !WEEKLY.includes(values.plan_frequency),
    month: specific && values.plan_frequency === FREQUENCY.annually,
    amtTrial: values.trial_duration > 0,
    prorate: specific,
    amtProrate: specific && values.prorate_first_pmt,
  };
}

/** The API's body for the form's values: every field the plan uses, and none it does not. */
function toBody(v: ParsedFields): UpdatePlanInput {
  const shows = planFormShows(v);
  const body: UpdatePlanInput = {
    plan_name: v.plan_name,
    plan_desc: v.plan_desc,
    plan_frequency: v.plan_frequency,
    // A plan without an interval or a specific day sends the default, so an edit that turns it daily drops the old one.
    interval: shows.interval ? v.interval : 1,
    amt_tran: v.amt_tran,
    tran_currency: v.tran_currency,
    trial_duration: v.trial_duration,
    amt_setup: v.amt_setup || "0",
    bill_specific_day: shows.billSpecificDay && v.bill_specific_day,
    prorate_first_pmt: shows.prorate && v.prorate_first_pmt,
  };
  if (v.until_cancelled) body.plan_duration = -1;
  else if (v.plan_duration !== "") body.plan_duration = v.plan_duration;
  if (shows.amtTrial) body.amt_trial = v.amt_trial || "0";
  if (shows.dayOfWeek && v.day_of_week !== "") body.day_of_week = v.day_of_week;
  if (shows.dayOfMonth && v.day_of_month !== "") body.day_of_month = v.day_of_month;
  if (shows.month && v.month !== "") body.month = v.month;
  // 0 is the API's "computed from the days left".
  if (shows.amtProrate) body.amt_prorate = v.amt_prorate || "0";
  if (v.dba_suffix !== "") body.dba_suffix = v.dba_suffix;
  return body;
}

const requireDuration = (v: ParsedFields, ctx: z.RefinementCtx) => {
  if (!v.until_cancelled && v.plan_duration === "")
    ctx.addIssue({ code: "custom", path: ["plan_duration"], message: "is required: a number of cycles, or until cancelled" });
};

/**
 * The form's values with the fields it hides set to their blank: a value
 * typed before its field was hidden (an interval, then a quarterly plan) is
 * neither checked nor sent, in the browser as on the server.
 */
function withoutHidden<T>(raw: T): T {
  if (typeof raw !== "object" || raw === null) return raw;
  const v = raw as Record<string, unknown>;
  const shows = planFormShows({
    plan_frequency: Number(v.plan_frequency),
    bill_specific_day: v.bill_specific_day === true,
    trial_duration: Number(v.trial_duration) || 0,
    prorate_first_pmt: v.prorate_first_pmt === true,
  });
  return {
    ...v,
    ...(shows.interval ? {} : { interval: "1" }),
    ...(v.until_cancelled === true ? { plan_duration: "" } : {}),
    ...(shows.billSpecificDay ? {} : { bill_specific_day: false }),
    ...(shows.dayOfWeek ? {} : { day_of_week: "" }),
    ...(shows.dayOfMonth ? {} : { day_of_month: "" }),
    ...(shows.month ? {} : { month: "" }),
    ...(shows.amtTrial ? {} : { amt_trial: "" }),
    ...(shows.prorate ? {} : { prorate_first_pmt: false }),
    ...(shows.amtProrate ? {} : { amt_prorate: "" }),
  } as T;
}

const AddPlanFormFields = z.object({ plan_code: PlanCodeSchema, ...fields });

/** What the plan form holds: text, and booleans for its checkboxes. */
export type PlanFormValues = z.input<typeof AddPlanFormFields>;

/** The new-plan form: the API's POST /plan body. */
export const AddPlanFormSchema = z.preprocess(
  (values: PlanFormValues) => withoutHidden(values),
  AddPlanFormFields.superRefine(requireDuration).transform((v): AddPlanInput => ({ plan_code: v.plan_code, ...toBody(v) }) as AddPlanInput),
);

/** A plan's edit form: the API's PUT /plan/{plan_code} body, with every field the plan uses. */
export const EditPlanFormSchema = z.preprocess(
  (values: Omit<PlanFormValues, "plan_code">) => withoutHidden(values),
  z.object(fields).superRefine(requireDuration).transform(toBody),
);
