import "#server-only";
import { ApiError, type FieldErrors } from "../../errors/api-error";
import { toMinorUnits } from "../../payments/amount";
import { currencyOf, DEFAULT_CURRENCY, type Currency } from "../../payments/currency";
import { planRuleProblems, type PlanShape } from "./plan-rules";
import type { AddPlanInput, DBA_SUFFIXES, UpdatePlanInput } from "./schemas";

// A plan's terms as stored, from an add's body (with the reference's
// defaults) or from an update's body merged into the current plan; every
// problem found is refused together in one 400 (docs/billing.md, "Plans").

/** What a plan version bills, amounts in minor units of `currency`. */
export type PlanTerms = PlanShape & {
  name: string;
  description: string;
  duration: number;
  setupMinor: number;
  amountMinor: number;
  /** ISO 4217 numeric. */
  currency: number;
  dbaSuffix: (typeof DBA_SUFFIXES)[number] | null;
};

type AmountField = "amt_tran" | "amt_trial" | "amt_setup" | "amt_prorate";
type Body = UpdatePlanInput;

const DEFAULTS = {
  interval: 1,
  trialDuration: 0,
  trialMinor: 0,
  setupMinor: 0,
  currency: DEFAULT_CURRENCY,
  billSpecificDay: false,
  dayOfWeek: null,
  dayOfMonth: null,
  month: null,
  prorateFirstPayment: false,
  prorateMinor: null,
  dbaSuffix: null,
} as const;

/** POST /plan: the body with the defaults, or a 400 naming every field at fault. */
export function termsFromAdd(input: AddPlanInput): PlanTerms {
  const base: PlanTerms = { ...DEFAULTS, name: "", description: "", frequency: input.plan_frequency, duration: 0, amountMinor: 0 };
  return merge(base, input, "add");
}

/**
 * PUT /plan/{plan_code}: fields sent replace the plan's; fields kept that no
 * longer apply after the change (a day_of_month once the plan turns weekly,
 * an interval once it turns annual) go back to their defaults. Sent fields
 * that do not apply are refused.
 */
export function termsFromUpdate(current: PlanTerms, input: UpdatePlanInput): PlanTerms {
  return merge(current, input, "update");
}

function merge(base: PlanTerms, input: Body, mode: "add" | "update"): PlanTerms {
  const errors: FieldErrors = {};
  const currency = resolveCurrency(base, input.tran_currency, errors);
  const amounts = currency ? amountsIn(base, input, currency, errors) : {};

  const terms: PlanTerms = {
    name: input.plan_name ?? base.name,
    description: input.plan_desc ?? base.description,
    frequency: input.plan_frequency ?? base.frequency,
    interval: input.interval ?? base.interval,
    duration: input.plan_duration ?? base.duration,
    trialDuration: input.trial_duration ?? base.trialDuration,
    trialMinor: amounts.amt_trial ?? base.trialMinor,
    setupMinor: amounts.amt_setup ?? base.setupMinor,
    amountMinor: amounts.amt_tran ?? base.amountMinor,
    currency: currency?.number ?? base.currency,
    billSpecificDay: input.bill_specific_day ?? base.billSpecificDay,
    dayOfWeek: input.day_of_week ?? base.dayOfWeek,
    dayOfMonth: input.day_of_month ?? base.dayOfMonth,
    month: input.month ?? base.month,
    prorateFirstPayment: input.prorate_first_pmt ?? base.prorateFirstPayment,
    // "Zero or undefined" is a computed first payment, as the reference says.
    prorateMinor: amounts.amt_prorate === undefined ? base.prorateMinor : amounts.amt_prorate === 0 ? null : amounts.amt_prorate,
    dbaSuffix: input.dba_suffix ?? base.dbaSuffix,
  };
  if (mode === "update") dropKeptFieldsThatNoLongerApply(terms, input);

  for (const problem of planRuleProblems(terms)) errors[problem.field] ??= problem.message;
  if (Object.keys(errors).length > 0) throw new ApiError("validation", "Request validation failed", errors);
  return terms;
}

/** The currency the amounts are in: the one sent, else the plan's (840 on an add). */
function resolveCurrency(base: PlanTerms, sent: string | undefined, errors: FieldErrors): Currency | null {
  const currency = currencyOf(sent === undefined ? base.currency : Number(sent));
  if (!currency) errors.tran_currency = "is not a currency a card can be charged in";
  return currency;
}

const AMOUNT_COLUMNS = { amt_tran: "amountMinor", amt_trial: "trialMinor", amt_setup: "setupMinor", amt_prorate: "prorateMinor" } as const;

/** The amounts sent, in minor units; a refused one is noted in `errors`. */
function amountsIn(base: PlanTerms, input: Body, currency: Currency, errors: FieldErrors): Partial<Record<AmountField, number>> {
  const amounts: Partial<Record<AmountField, number>> = {};
  for (const field of Object.keys(AMOUNT_COLUMNS) as AmountField[]) {
    const value = input[field];
    if (value === undefined) {
      // An amount kept from the plan is in the old currency's minor unit: with another minor unit, it must be sent again.
      const kept = base[AMOUNT_COLUMNS[field]];
      const oldCurrency = currencyOf(base.currency);
      if (kept && oldCurrency && oldCurrency.exponent !== currency.exponent) {
        errors[field] = `must be sent again: tran_currency ${String(currency.number).padStart(3, "0")} has another minor unit`;
      }
      continue;
    }
    const minor = toMinorUnits(value, currency);
    if (typeof minor !== "number") errors[field] = minor.refused;
    else if (field === "amt_tran" && minor === 0) errors[field] = "must be more than 0";
    else amounts[field] = minor;
  }
  return amounts;
}

const RESETS: Record<string, (terms: PlanTerms) => void> = {
  interval: (t) => (t.interval = DEFAULTS.interval),
  amt_trial: (t) => (t.trialMinor = DEFAULTS.trialMinor),
  amt_prorate: (t) => (t.prorateMinor = DEFAULTS.prorateMinor),
  day_of_week: (t) => (t.dayOfWeek = DEFAULTS.dayOfWeek),
  day_of_month: (t) => (t.dayOfMonth = DEFAULTS.dayOfMonth),
  month: (t) => (t.month = DEFAULTS.month),
  prorate_first_pmt: (t) => (t.prorateFirstPayment = DEFAULTS.prorateFirstPayment),
  bill_specific_day: (t) => (t.billSpecificDay = DEFAULTS.billSpecificDay),
};

/** Resets, until none is left, each kept field the rules say no longer applies (one reset can make another field inapplicable). */
function dropKeptFieldsThatNoLongerApply(terms: PlanTerms, input: Body): void {
  for (let round = 0; round < Object.keys(RESETS).length; round++) {
    const kept = planRuleProblems(terms).filter((p) => p.inapplicable && input[p.field as keyof Body] === undefined && RESETS[p.field]);
    if (kept.length === 0) return;
    for (const problem of kept) RESETS[problem.field]?.(terms);
  }
}
