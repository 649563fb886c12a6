// The plan API's rules between fields (plan-rules.ts, every problem named for
// a 400) and the schedule's own checks (../plan-schedule.ts, which refuses
// what it cannot bill) are two readings of the same rules. This property
// keeps them one: over any combination of the fields, within each field's own
// range, a plan the API accepts is one the schedule can bill, and a plan the
// API refuses is one the schedule refuses too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveSchedule, ScheduleError } from "../plan-schedule";
import { planRuleProblems, type PlanShape } from "./plan-rules";

const nullable = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });

const anyShape: fc.Arbitrary<PlanShape> = fc.record({
  frequency: fc.constantFrom(0, 1, 3, 4, 5, 6, 7) as fc.Arbitrary<PlanShape["frequency"]>,
  interval: fc.constantFrom(1, 1, 2, 12, 99),
  trialDuration: fc.constantFrom(0, 0, 1, 3),
  trialMinor: fc.constantFrom(0, 0, 999),
  billSpecificDay: fc.boolean(),
  dayOfWeek: nullable(fc.integer({ min: 1, max: 7 })),
  dayOfMonth: nullable(fc.integer({ min: 1, max: 32 })),
  month: nullable(fc.integer({ min: 1, max: 12 })),
  prorateFirstPayment: fc.boolean(),
  // The API stores "computed" as null; the schedule reads absent or 0 as computed. A fixed amount is above 0.
  prorateMinor: nullable(fc.integer({ min: 1, max: 10_000 })),
});

function scheduleRefuses(shape: PlanShape, dateStart: string): boolean {
  try {
    resolveSchedule({
      frequency: shape.frequency,
      interval: shape.interval,
      duration: 12,
      dateStart,
      amtTran: 1999,
      trialDuration: shape.trialDuration,
      amtTrial: shape.trialMinor,
      billSpecificDay: shape.billSpecificDay,
      dayOfWeek: shape.dayOfWeek,
      dayOfMonth: shape.dayOfMonth,
      month: shape.month,
      prorateFirstPmt: shape.prorateFirstPayment,
      amtProrate: shape.prorateMinor,
    });
    return false;
  } catch (error) {
    if (error instanceof ScheduleError) return true;
    throw error;
  }
}

describe("plan rules and the schedule", () => {
  it("accept and refuse the same plans", () => {
    fc.assert(
      fc.property(anyShape, fc.constantFrom("2025-01-31", "2024-02-29", "2026-07-15"), (shape, dateStart) => {
        const problems = planRuleProblems(shape);
        expect(scheduleRefuses(shape, dateStart), JSON.stringify({ shape, problems })).toBe(problems.length > 0);
      }),
      { numRuns: 2000 },
    );
  });
});
