// Properties of every schedule, over generated plans starting on any day of
// 2024 to 2030: what the billing run relies on whatever the plan.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FREQUENCY,
  UNTIL_CANCELLED,
  cycleAtSeq,
  cycleDate,
  cycles,
  dateEnd,
  nextCycleOnOrAfter,
  scheduleSummary,
  trialCycleDate,
  type Cycle,
  type PlanSchedule,
} from "./schedule";
import { civilDate, daysInMonth, formatDay, parseDay, weekday } from "./utc-date";

const { weekly, biWeekly, monthly, quarterly, biAnnually, annually, daily } = FREQUENCY;
const MONTHS: Partial<Record<number, number>> = { [quarterly]: 3, [biAnnually]: 6, [annually]: 12 };
const FIRST = parseDay("2024-01-01")!;
const LAST = parseDay("2030-12-31")!;

const anyDay = fc.integer({ min: FIRST, max: LAST });

/** Any valid schedule: the generator keeps each field to the frequencies the rules allow it on. */
const anySchedule: fc.Arbitrary<PlanSchedule> = fc
  .record({
    frequency: fc.constantFrom(weekly, biWeekly, monthly, quarterly, biAnnually, annually, daily),
    interval: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 99 })),
    duration: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(UNTIL_CANCELLED)),
    start: anyDay,
    amtTran: fc.integer({ min: 0, max: 10_000_000 }),
    isSpecificDay: fc.boolean(),
    dayOfWeek: fc.integer({ min: 1, max: 7 }),
    dayOfMonth: fc.oneof(fc.integer({ min: 28, max: 32 }), fc.integer({ min: 1, max: 32 })),
    month: fc.integer({ min: 1, max: 12 }),
    trialDuration: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })),
    amtTrial: fc.integer({ min: 0, max: 10_000 }),
    prorate: fc.boolean(),
    amtProrate: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })),
  })
  .map((r) => {
    const isSpecificDay = r.isSpecificDay && r.frequency !== daily;
    const isWeekBased = r.frequency === weekly || r.frequency === biWeekly;
    const prorate = isSpecificDay && r.trialDuration === 0 && r.prorate;
    return {
      frequency: r.frequency,
      interval: r.frequency === weekly || r.frequency === monthly ? r.interval : undefined,
      duration: r.duration,
      dateStart: formatDay(r.start),
      amtTran: r.amtTran,
      billSpecificDay: isSpecificDay,
      dayOfWeek: isSpecificDay && isWeekBased ? r.dayOfWeek : undefined,
      dayOfMonth: isSpecificDay && !isWeekBased ? r.dayOfMonth : undefined,
      month: isSpecificDay && r.frequency === annually ? r.month : undefined,
      trialDuration: r.trialDuration,
      amtTrial: r.trialDuration > 0 ? r.amtTrial : undefined,
      prorateFirstPmt: prorate,
      amtProrate: prorate ? r.amtProrate : undefined,
    } satisfies PlanSchedule;
  });

// The first cycles of any schedule: all of a fixed one (at most 4 + 40 + 1), the first 45 of an endless one.
function firstCycles(schedule: PlanSchedule): Cycle[] {
  return cycles(schedule, { limit: 45 });
}

const day = (text: string) => parseDay(text)!;

describe("schedule properties", () => {
  it("dates strictly increase, and seq counts 0 (prorate) or 1 upward without a gap", () => {
    fc.assert(
      fc.property(anySchedule, (schedule) => {
        const list = firstCycles(schedule);
        list.slice(1).forEach((cycle, i) => expect(day(cycle.date)).toBeGreaterThan(day(list[i]!.date)));
        const firstSeq = list[0]!.kind === "prorate" ? 0 : 1;
        expect(list.map((c) => c.seq)).toEqual(list.map((_, i) => firstSeq + i));
      }),
      { numRuns: 1000 },
    );
  });

  it("cycleAtSeq finds each listed cycle by its seq, and nothing before or past the schedule", () => {
    fc.assert(
      fc.property(anySchedule, (schedule) => {
        const list = firstCycles(schedule);
        for (const cycle of list) expect(cycleAtSeq(schedule, cycle.seq)).toEqual(cycle);
        if (list[0]!.kind !== "prorate") expect(cycleAtSeq(schedule, 0)).toBeNull();
        if (schedule.duration !== UNTIL_CANCELLED) expect(cycleAtSeq(schedule, list.at(-1)!.seq + 1)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("a fixed duration n has exactly n recurring cycles after the trial, and ends on the last one", () => {
    fc.assert(
      fc.property(
        anySchedule.filter((s) => s.duration !== UNTIL_CANCELLED),
        (schedule) => {
          const list = cycles(schedule);
          const trial = list.filter((c) => c.kind === "trial");
          const recurring = list.filter((c) => c.kind === "recurring");
          expect(trial.map((c) => c.n)).toEqual(Array.from({ length: schedule.trialDuration ?? 0 }, (_, i) => i + 1));
          expect(recurring.map((c) => c.n)).toEqual(Array.from({ length: schedule.duration }, (_, i) => i + 1));
          expect(list.filter((c) => c.kind === "prorate").length).toBeLessThanOrEqual(1);
          expect(list.map((c) => c.kind)).toEqual([...list.filter((c) => c.kind === "prorate"), ...trial, ...recurring].map((c) => c.kind));
          expect(dateEnd(schedule)).toBe(recurring.at(-1)!.date);
          expect(scheduleSummary(schedule).recurDateEnd).toBe(recurring.at(-1)!.date);
          expect(nextCycleOnOrAfter(schedule, formatDay(day(recurring.at(-1)!.date) + 1))).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("cycleDate(n) and trialCycleDate(n) are the n-th cycles the range lists; amounts are the trial's and the plan's", () => {
    fc.assert(
      fc.property(anySchedule, (schedule) => {
        for (const cycle of firstCycles(schedule)) {
          if (cycle.kind === "recurring") {
            expect(cycleDate(schedule, cycle.n)).toBe(cycle.date);
            expect(cycle.amount).toBe(schedule.amtTran);
          }
          if (cycle.kind === "trial") {
            expect(trialCycleDate(schedule, cycle.n)).toBe(cycle.date);
            expect(cycle.amount).toBe(schedule.amtTrial ?? 0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("asking day by day what is due finds every cycle exactly once, on its date", () => {
    fc.assert(
      fc.property(anySchedule, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 400 }), (schedule, before, span) => {
        const from = day(schedule.dateStart) - before;
        const through = from + span;
        const expected = cycles(schedule, { through: formatDay(through) });
        const seen: Cycle[] = [];
        for (let d = from; d <= through; d++) {
          const due = cycles(schedule, { from: formatDay(d), through: formatDay(d) });
          for (const cycle of due) expect(cycle.date).toBe(formatDay(d));
          seen.push(...due);
        }
        expect(seen).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("any range split in two at any day lists the whole range, nothing twice, nothing missed", () => {
    fc.assert(
      fc.property(anySchedule, anyDay, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 1500 }), (schedule, a, len, cut) => {
        const [from, through, mid] = [a, a + len, a + Math.min(cut, len)];
        const whole = cycles(schedule, { from: formatDay(from), through: formatDay(through) });
        const left = cycles(schedule, { from: formatDay(from), through: formatDay(mid - 1) });
        const right = cycles(schedule, { from: formatDay(mid), through: formatDay(through) });
        expect([...left, ...right]).toEqual(whole);
        const all = cycles(schedule, { through: formatDay(through) });
        expect(whole).toEqual(all.filter((c) => day(c.date) >= from));
        const next = nextCycleOnOrAfter(schedule, formatDay(from));
        if (whole.length > 0) expect(next).toEqual(whole[0]);
        else if (next) expect(day(next.date)).toBeGreaterThan(through);
      }),
      { numRuns: 500 },
    );
  });

  it("month-based cycles fall on the start day (or the specific day), or the month's last day when it is shorter, step months apart", () => {
    fc.assert(
      fc.property(
        anySchedule.filter((s) => s.frequency !== weekly && s.frequency !== biWeekly && s.frequency !== daily),
        (schedule) => {
          const wanted = schedule.billSpecificDay ? schedule.dayOfMonth! : civilDate(day(schedule.dateStart)).day;
          const step = MONTHS[schedule.frequency] ?? schedule.interval ?? 1;
          const slots = firstCycles(schedule).filter((c) => c.kind !== "prorate");
          const first = civilDate(day(slots[0]!.date));
          slots.forEach((cycle, k) => {
            const { year, month, day: dom } = civilDate(day(cycle.date));
            expect(dom).toBe(Math.min(wanted, daysInMonth(year, month)));
            expect(year * 12 + month - (first.year * 12 + first.month)).toBe(k * step);
            if (schedule.frequency === annually && schedule.billSpecificDay) expect(month).toBe(schedule.month);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("day-based cycles are the step apart, on the specific weekday when there is one", () => {
    fc.assert(
      fc.property(
        anySchedule.filter((s) => s.frequency === weekly || s.frequency === biWeekly || s.frequency === daily),
        (schedule) => {
          const step = schedule.frequency === daily ? 1 : schedule.frequency === biWeekly ? 14 : 7 * (schedule.interval ?? 1);
          const slots = firstCycles(schedule).filter((c) => c.kind !== "prorate");
          slots.forEach((cycle, k) => {
            expect(day(cycle.date) - day(slots[0]!.date)).toBe(k * step);
            if (schedule.billSpecificDay) expect(weekday(day(cycle.date))).toBe(schedule.dayOfWeek! - 1);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the first cycle is on the start day, or with a specific day the first such day on or after it", () => {
    fc.assert(
      fc.property(anySchedule, (schedule) => {
        const start = day(schedule.dateStart);
        const list = firstCycles(schedule);
        const firstSlot = list.find((c) => c.kind !== "prorate")!;
        if (!schedule.billSpecificDay) {
          expect(firstSlot.date).toBe(schedule.dateStart);
          return;
        }
        // No earlier day from the start on is a billing day of this plan.
        for (let d = start; d < day(firstSlot.date); d++) {
          const { year, month, day: dom } = civilDate(d);
          if (schedule.dayOfWeek != null) expect(weekday(d)).not.toBe(schedule.dayOfWeek - 1);
          else if (schedule.frequency !== annually || month === schedule.month) expect(dom).not.toBe(Math.min(schedule.dayOfMonth!, daysInMonth(year, month)));
        }
        expect(day(firstSlot.date)).toBeGreaterThanOrEqual(start);
      }),
      { numRuns: 1000 },
    );
  });

  it("a prorated first payment falls on the start day before the first cycle, and a computed one is less than a cycle", () => {
    fc.assert(
      fc.property(
        anySchedule.filter((s) => s.prorateFirstPmt === true),
        (schedule) => {
          const [first, second] = firstCycles(schedule) as [Cycle, Cycle];
          // Without a partial period (the start is a billing day) there is nothing to prorate.
          expect(first.date).toBe(schedule.dateStart);
          if (first.kind !== "prorate") return;
          expect(second.kind).toBe("recurring");
          expect(day(second.date)).toBeGreaterThan(day(first.date));
          if (schedule.amtProrate) expect(first.amount).toBe(schedule.amtProrate);
          else expect(first.amount).toBeLessThanOrEqual(schedule.amtTran);
        },
      ),
      { numRuns: 500 },
    );
  });
});
