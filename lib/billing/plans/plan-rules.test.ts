import { describe, expect, it } from "vitest";
import { planRuleProblems, type PlanShape } from "./plan-rules";

const monthly: PlanShape = {
  frequency: 3,
  interval: 1,
  trialDuration: 0,
  trialMinor: 0,
  billSpecificDay: false,
  dayOfWeek: null,
  dayOfMonth: null,
  month: null,
  prorateFirstPayment: false,
  prorateMinor: null,
};

const fieldsOf = (plan: Partial<PlanShape>) => planRuleProblems({ ...monthly, ...plan }).map((p) => p.field);

describe("planRuleProblems", () => {
  it.each<[string, Partial<PlanShape>]>([
    ["a plain monthly plan", {}],
    ["every 3 weeks", { frequency: 0, interval: 3 }],
    ["every 2 months", { frequency: 3, interval: 2 }],
    ["interval 1 on a daily plan", { frequency: 7, interval: 1 }],
    ["a weekly plan billed on Mondays", { frequency: 0, billSpecificDay: true, dayOfWeek: 2 }],
    ["a bi-weekly plan billed on Saturdays", { frequency: 1, billSpecificDay: true, dayOfWeek: 7 }],
    ["a monthly plan billed on the last day", { billSpecificDay: true, dayOfMonth: 32 }],
    ["a quarterly plan billed on the 15th", { frequency: 4, billSpecificDay: true, dayOfMonth: 15 }],
    ["an annual plan billed on February 29", { frequency: 6, billSpecificDay: true, dayOfMonth: 29, month: 2 }],
    ["an annual plan billed on the last day of February", { frequency: 6, billSpecificDay: true, dayOfMonth: 32, month: 2 }],
    // A day past the month's end bills on its last day (docs/billing.md, "Schedule").
    ["an annual plan billed on February 30, that is its last day", { frequency: 6, billSpecificDay: true, dayOfMonth: 30, month: 2 }],
    ["a prorated first payment, computed", { billSpecificDay: true, dayOfMonth: 1, prorateFirstPayment: true }],
    ["a prorated first payment, fixed", { billSpecificDay: true, dayOfMonth: 1, prorateFirstPayment: true, prorateMinor: 500 }],
    ["a free trial", { trialDuration: 2 }],
    ["a paid trial", { trialDuration: 1, trialMinor: 999 }],
  ])("accepts %s", (_, plan) => {
    expect(fieldsOf(plan)).toEqual([]);
  });

  it.each<[string, Partial<PlanShape>, string[]]>([
    ["an interval on a daily plan", { frequency: 7, interval: 2 }, ["interval"]],
    ["an interval on an annual plan", { frequency: 6, interval: 2 }, ["interval"]],
    ["an interval on a bi-weekly plan", { frequency: 1, interval: 2 }, ["interval"]],
    ["an interval on a quarterly plan", { frequency: 4, interval: 3 }, ["interval"]],
    ["day_of_week without bill_specific_day", { frequency: 0, dayOfWeek: 2 }, ["day_of_week"]],
    ["day_of_month without bill_specific_day", { dayOfMonth: 2 }, ["day_of_month"]],
    ["month without bill_specific_day", { frequency: 6, month: 2 }, ["month"]],
    ["proration without bill_specific_day", { prorateFirstPayment: true }, ["prorate_first_pmt"]],
    ["amt_prorate without proration", { billSpecificDay: true, dayOfMonth: 1, prorateMinor: 100 }, ["amt_prorate"]],
    ["amt_trial without a trial", { trialMinor: 100 }, ["amt_trial"]],
    ["a specific day on a daily plan", { frequency: 7, billSpecificDay: true }, ["bill_specific_day"]],
    ["a weekly plan on a specific day without day_of_week", { frequency: 0, billSpecificDay: true }, ["day_of_week"]],
    ["a weekly plan with day_of_month", { frequency: 0, billSpecificDay: true, dayOfWeek: 1, dayOfMonth: 1 }, ["day_of_month"]],
    ["a weekly plan with month", { frequency: 1, billSpecificDay: true, dayOfWeek: 1, month: 1 }, ["month"]],
    ["a monthly plan on a specific day without day_of_month", { billSpecificDay: true }, ["day_of_month"]],
    ["a monthly plan with day_of_week", { billSpecificDay: true, dayOfMonth: 1, dayOfWeek: 1 }, ["day_of_week"]],
    ["a monthly plan with month", { billSpecificDay: true, dayOfMonth: 1, month: 1 }, ["month"]],
    ["an annual plan on a specific day without month", { frequency: 6, billSpecificDay: true, dayOfMonth: 1 }, ["month"]],
    ["an annual plan without day_of_month", { frequency: 6, billSpecificDay: true, month: 1 }, ["day_of_month"]],
    ["a prorated first payment with a trial", { billSpecificDay: true, dayOfMonth: 1, prorateFirstPayment: true, trialDuration: 1 }, ["prorate_first_pmt"]],
  ])("refuses %s", (_, plan, fields) => {
    expect(fieldsOf(plan)).toEqual(fields);
  });

  it("marks a field set where it does not apply as inapplicable, a missing one as not", () => {
    const problems = planRuleProblems({ ...monthly, frequency: 0, billSpecificDay: true, dayOfMonth: 3 });
    expect(problems).toEqual([
      { field: "day_of_week", message: expect.stringMatching(/is required/), inapplicable: false },
      { field: "day_of_month", message: expect.stringMatching(/applies only/), inapplicable: true },
    ]);
  });
});
