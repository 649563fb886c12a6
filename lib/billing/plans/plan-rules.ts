import type { PlanFrequency } from "./schemas";

// The rules between a plan's fields (docs/billing.md, "Plans"), on the whole
// plan as it would be stored: after an add's defaults, or an update merged
// into the current plan. Each field's own rule (types, ranges, enums) is in
// ./schemas.ts. Pure, so it is unit-tested on its own (plan-rules.test.ts).

/** The fields the rules look at, as stored (amounts in minor units). */
export type PlanShape = {
  frequency: PlanFrequency;
  interval: number;
  trialDuration: number;
  trialMinor: number;
  billSpecificDay: boolean;
  dayOfWeek: number | null;
  dayOfMonth: number | null;
  month: number | null;
  prorateFirstPayment: boolean;
  prorateMinor: number | null;
};

/**
 * One broken rule. `inapplicable`: the field is set where it does not apply;
 * an update drops such a field when it kept it from the plan rather than
 * sent it (./plan-terms.ts), and refuses it when sent.
 */
export type RuleProblem = { field: string; message: string; inapplicable: boolean };

const WEEKLY: readonly PlanFrequency[] = [0, 1];
const MONTHLY_OR_LONGER: readonly PlanFrequency[] = [3, 4, 5, 6];
const WITH_INTERVAL: readonly PlanFrequency[] = [0, 3];
const ANNUAL: PlanFrequency = 6;
const DAILY: PlanFrequency = 7;

/** The rules the plan breaks; none means it may be stored. */
export function planRuleProblems(plan: PlanShape): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const inapplicable = (field: string, message: string) => problems.push({ field, message, inapplicable: true });
  const required = (field: string, message: string) => problems.push({ field, message, inapplicable: false });

  if (plan.interval !== 1 && !WITH_INTERVAL.includes(plan.frequency)) {
    inapplicable("interval", "applies only to weekly (0) and monthly (3) plans: leave it out or send 1");
  }
  if (plan.trialMinor > 0 && plan.trialDuration === 0) inapplicable("amt_trial", "applies only with a trial_duration of 1 or more");
  if (plan.prorateMinor !== null && !plan.prorateFirstPayment) inapplicable("amt_prorate", "applies only when prorate_first_pmt is true");
  // A trial's first cycle already starts the subscription: there are no days before it to prorate.
  if (plan.prorateFirstPayment && plan.trialDuration > 0) required("prorate_first_pmt", "cannot be combined with a trial (trial_duration)");

  if (!plan.billSpecificDay) {
    const notSpecific = "applies only when bill_specific_day is true";
    if (plan.dayOfWeek !== null) inapplicable("day_of_week", notSpecific);
    if (plan.dayOfMonth !== null) inapplicable("day_of_month", notSpecific);
    if (plan.month !== null) inapplicable("month", notSpecific);
    if (plan.prorateFirstPayment) inapplicable("prorate_first_pmt", notSpecific);
    return problems;
  }

  if (plan.frequency === DAILY) {
    inapplicable("bill_specific_day", "does not apply to daily plans");
    return problems;
  }
  if (WEEKLY.includes(plan.frequency)) {
    if (plan.dayOfWeek === null) required("day_of_week", "is required when a weekly or bi-weekly plan bills on a specific day");
    if (plan.dayOfMonth !== null) inapplicable("day_of_month", "applies only to monthly, quarterly, bi-annual and annual plans");
    if (plan.month !== null) inapplicable("month", "applies only to annual plans");
    return problems;
  }
  if (MONTHLY_OR_LONGER.includes(plan.frequency)) {
    if (plan.dayOfWeek !== null) inapplicable("day_of_week", "applies only to weekly and bi-weekly plans");
    if (plan.dayOfMonth === null) required("day_of_month", "is required when a monthly, quarterly, bi-annual or annual plan bills on a specific day");
    if (plan.frequency === ANNUAL && plan.month === null) required("month", "is required when an annual plan bills on a specific day");
    if (plan.frequency !== ANNUAL && plan.month !== null) inapplicable("month", "applies only to annual plans");
  }
  return problems;
}
