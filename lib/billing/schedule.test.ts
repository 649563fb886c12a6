import { describe, expect, it } from "vitest";
import {
  FREQUENCY,
  ScheduleError,
  UNTIL_CANCELLED,
  cycleDate,
  cycles,
  dateEnd,
  nextCycleOnOrAfter,
  scheduleSummary,
  trialCycleDate,
  type PlanSchedule,
} from "./schedule";

const { weekly, biWeekly, monthly, quarterly, biAnnually, annually, daily } = FREQUENCY;

function plan(fields: Partial<PlanSchedule> & Pick<PlanSchedule, "frequency" | "dateStart">): PlanSchedule {
  return { duration: UNTIL_CANCELLED, amtTran: 1000, ...fields };
}

function dates(schedule: PlanSchedule, count: number): string[] {
  return cycles(schedule, { limit: count }).map((cycle) => cycle.date);
}

// An oracle for the month-end rule written another way (the engine's UTC Date):
// the month k cycles on, then the wanted day or that month's last day.
function monthEndOracle(start: string, monthsPerCycle: number, k: number, day: number): string {
  const [year, month] = start.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 + k * monthsPerCycle, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10);
}

describe("month ends (the pinned rule: the start day, or the month's last day when shorter, and back)", () => {
  it.each([
    [
      "2024-01-31",
      "2024-01-31 2024-02-29 2024-03-31 2024-04-30 2024-05-31 2024-06-30 2024-07-31 2024-08-31 2024-09-30 2024-10-31 2024-11-30 2024-12-31 2025-01-31 2025-02-28 2025-03-31 2025-04-30 2025-05-31 2025-06-30 2025-07-31 2025-08-31 2025-09-30 2025-10-31 2025-11-30 2025-12-31 2026-01-31",
    ],
    [
      "2024-01-30",
      "2024-01-30 2024-02-29 2024-03-30 2024-04-30 2024-05-30 2024-06-30 2024-07-30 2024-08-30 2024-09-30 2024-10-30 2024-11-30 2024-12-30 2025-01-30 2025-02-28 2025-03-30 2025-04-30",
    ],
    [
      "2024-01-29",
      "2024-01-29 2024-02-29 2024-03-29 2024-04-29 2024-05-29 2024-06-29 2024-07-29 2024-08-29 2024-09-29 2024-10-29 2024-11-29 2024-12-29 2025-01-29 2025-02-28 2025-03-29",
    ],
    [
      "2025-01-28",
      "2025-01-28 2025-02-28 2025-03-28 2025-04-28 2025-05-28 2025-06-28 2025-07-28 2025-08-28 2025-09-28 2025-10-28 2025-11-28 2025-12-28 2026-01-28 2026-02-28 2026-03-28",
    ],
    [
      "2024-02-29",
      "2024-02-29 2024-03-29 2024-04-29 2024-05-29 2024-06-29 2024-07-29 2024-08-29 2024-09-29 2024-10-29 2024-11-29 2024-12-29 2025-01-29 2025-02-28 2025-03-29 2025-04-29 2025-05-29 2025-06-29 2025-07-29 2025-08-29 2025-09-29 2025-10-29 2025-11-29 2025-12-29 2026-01-29 2026-02-28 2026-03-29",
    ],
    // A start on a short month's last day keeps that day: April 30 bills on the 30th, not on every month's end.
    ["2025-04-30", "2025-04-30 2025-05-30 2025-06-30 2025-07-30 2025-08-30 2025-09-30 2025-10-30 2025-11-30 2025-12-30 2026-01-30 2026-02-28 2026-03-30"],
  ])("monthly from %s", (start, expected) => {
    const list = expected.split(" ");
    expect(dates(plan({ frequency: monthly, dateStart: start }), list.length)).toEqual(list);
  });

  it.each([
    [quarterly, "2023-11-30", "2023-11-30 2024-02-29 2024-05-30 2024-08-30 2024-11-30 2025-02-28 2025-05-30 2025-08-30 2025-11-30 2026-02-28"],
    [quarterly, "2024-08-31", "2024-08-31 2024-11-30 2025-02-28 2025-05-31 2025-08-31 2025-11-30 2026-02-28 2026-05-31"],
    [biAnnually, "2023-08-31", "2023-08-31 2024-02-29 2024-08-31 2025-02-28 2025-08-31 2026-02-28 2026-08-31"],
    [biAnnually, "2024-03-31", "2024-03-31 2024-09-30 2025-03-31 2025-09-30 2026-03-31"],
    [annually, "2024-02-29", "2024-02-29 2025-02-28 2026-02-28 2027-02-28 2028-02-29 2029-02-28 2030-02-28 2031-02-28 2032-02-29"],
  ])("frequency %i from %s", (frequency, start, expected) => {
    const list = expected.split(" ");
    expect(dates(plan({ frequency, dateStart: start }), list.length)).toEqual(list);
  });

  it("every 2 months from Dec 31 reaches Feb 28 and returns to the 31st", () => {
    expect(dates(plan({ frequency: monthly, interval: 2, dateStart: "2024-12-31" }), 7)).toEqual([
      "2024-12-31",
      "2025-02-28",
      "2025-04-30",
      "2025-06-30",
      "2025-08-31",
      "2025-10-31",
      "2025-12-31",
    ]);
  });

  // Exhaustive: starts on the 28th to the 31st of every month of a common and a
  // leap year, and on Feb 29, every month-based frequency, 30 cycles each.
  const starts: string[] = [];
  for (const year of [2023, 2024]) {
    for (let month = 1; month <= 12; month++) {
      for (let day = 28; day <= 31; day++) {
        const text = `${year}-${String(month).padStart(2, "0")}-${day}`;
        if (new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)) starts.push(text);
      }
    }
  }
  const monthBased: [string, Partial<PlanSchedule>, number][] = [
    ["monthly", { frequency: monthly }, 1],
    ["every 2 months", { frequency: monthly, interval: 2 }, 2],
    ["every 5 months", { frequency: monthly, interval: 5 }, 5],
    ["quarterly", { frequency: quarterly }, 3],
    ["bi-annually", { frequency: biAnnually }, 6],
    ["annually", { frequency: annually }, 12],
  ];
  it.each(monthBased)("%s: every start from the 28th to the 31st, 30 cycles, match the oracle", (_name, fields, months) => {
    expect(starts).toContain("2024-02-29");
    for (const start of starts) {
      const schedule = plan({ ...fields, frequency: fields.frequency!, dateStart: start, duration: 30 });
      const day = Number(start.slice(8));
      const expected = Array.from({ length: 30 }, (_, k) => monthEndOracle(start, months, k, day));
      expect(
        cycles(schedule).map((c) => c.date),
        start,
      ).toEqual(expected);
      expect(cycleDate(schedule, 30)).toBe(expected[29]);
    }
  });
});

describe("day-based frequencies", () => {
  it("daily crosses Feb 29 in a leap year and skips it in a common one", () => {
    expect(dates(plan({ frequency: daily, dateStart: "2024-02-27" }), 4)).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(dates(plan({ frequency: daily, dateStart: "2023-02-27" }), 3)).toEqual(["2023-02-27", "2023-02-28", "2023-03-01"]);
    expect(dates(plan({ frequency: daily, dateStart: "2024-12-30" }), 3)).toEqual(["2024-12-30", "2024-12-31", "2025-01-01"]);
  });

  it("weekly, every 3 weeks, and bi-weekly step 7, 21 and 14 days", () => {
    expect(dates(plan({ frequency: weekly, dateStart: "2024-02-15" }), 4)).toEqual(["2024-02-15", "2024-02-22", "2024-02-29", "2024-03-07"]);
    expect(dates(plan({ frequency: weekly, interval: 3, dateStart: "2024-12-20" }), 3)).toEqual(["2024-12-20", "2025-01-10", "2025-01-31"]);
    expect(dates(plan({ frequency: biWeekly, dateStart: "2024-02-22" }), 3)).toEqual(["2024-02-22", "2024-03-07", "2024-03-21"]);
    expect(cycleDate(plan({ frequency: weekly, interval: 52, dateStart: "2024-01-01" }), 2)).toBe("2024-12-30");
  });
});

describe("billing on a specific day", () => {
  // 2024-07-14 is a Sunday; day_of_week 1 is Sunday and 7 Saturday.
  it.each([
    [1, "2024-07-14"],
    [2, "2024-07-15"],
    [3, "2024-07-16"],
    [4, "2024-07-17"],
    [5, "2024-07-18"],
    [6, "2024-07-19"],
    [7, "2024-07-20"],
  ])("weekly on day_of_week %i from Sunday 2024-07-14 starts %s", (dayOfWeek, first) => {
    const schedule = plan({ frequency: weekly, dateStart: "2024-07-14", billSpecificDay: true, dayOfWeek });
    const list = dates(schedule, 3);
    expect(list[0]).toBe(first);
    expect(list.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay() + 1)).toEqual([dayOfWeek, dayOfWeek, dayOfWeek]);
  });

  it("bi-weekly and every-2-weeks on a Friday", () => {
    expect(dates(plan({ frequency: biWeekly, dateStart: "2024-07-14", billSpecificDay: true, dayOfWeek: 6 }), 3)).toEqual([
      "2024-07-19",
      "2024-08-02",
      "2024-08-16",
    ]);
    expect(dates(plan({ frequency: weekly, interval: 2, dateStart: "2024-07-14", billSpecificDay: true, dayOfWeek: 6 }), 2)).toEqual([
      "2024-07-19",
      "2024-08-02",
    ]);
  });

  it.each([
    ["2024-01-15", 1, "2024-02-01 2024-03-01 2024-04-01"],
    ["2024-01-15", 15, "2024-01-15 2024-02-15 2024-03-15"],
    ["2024-01-15", 20, "2024-01-20 2024-02-20 2024-03-20"],
    ["2024-01-15", 31, "2024-01-31 2024-02-29 2024-03-31 2024-04-30 2024-05-31"],
    ["2024-01-15", 32, "2024-01-31 2024-02-29 2024-03-31 2024-04-30 2024-05-31"],
    ["2025-01-31", 30, "2025-02-28 2025-03-30 2025-04-30"],
    // Feb 29 stands for the 30th in February, so a start that day bills that day.
    ["2024-02-29", 30, "2024-02-29 2024-03-30 2024-04-30"],
    ["2025-04-30", 31, "2025-04-30 2025-05-31 2025-06-30"],
    ["2025-04-30", 32, "2025-04-30 2025-05-31 2025-06-30"],
    ["2025-12-31", 1, "2026-01-01 2026-02-01"],
  ])("monthly from %s on day_of_month %i", (start, dayOfMonth, expected) => {
    const list = expected.split(" ");
    expect(dates(plan({ frequency: monthly, dateStart: start, billSpecificDay: true, dayOfMonth }), list.length)).toEqual(list);
  });

  it("quarterly and bi-annually step from the first specific day on or after the start", () => {
    expect(dates(plan({ frequency: quarterly, dateStart: "2024-01-15", billSpecificDay: true, dayOfMonth: 1 }), 3)).toEqual([
      "2024-02-01",
      "2024-05-01",
      "2024-08-01",
    ]);
    expect(dates(plan({ frequency: biAnnually, dateStart: "2024-01-15", billSpecificDay: true, dayOfMonth: 32 }), 4)).toEqual([
      "2024-01-31",
      "2024-07-31",
      "2025-01-31",
      "2025-07-31",
    ]);
  });

  it.each([
    ["2024-03-01", 2, 29, "2025-02-28 2026-02-28 2027-02-28 2028-02-29"],
    ["2024-02-29", 2, 29, "2024-02-29 2025-02-28"],
    ["2024-12-26", 12, 25, "2025-12-25 2026-12-25"],
    ["2024-12-25", 12, 25, "2024-12-25 2025-12-25"],
    ["2024-01-01", 6, 32, "2024-06-30 2025-06-30"],
    ["2024-07-01", 1, 1, "2025-01-01 2026-01-01"],
  ])("annually from %s in month %i on day %i", (start, month, dayOfMonth, expected) => {
    const list = expected.split(" ");
    expect(dates(plan({ frequency: annually, dateStart: start, billSpecificDay: true, month, dayOfMonth }), list.length)).toEqual(list);
  });
});

describe("trials", () => {
  const withTrial = plan({ frequency: monthly, dateStart: "2024-01-31", duration: 3, trialDuration: 2, amtTrial: 100, amtTran: 2500 });

  it("bill the trial cycles first, at the trial amount, and the recurring ones after", () => {
    expect(cycles(withTrial)).toEqual([
      { kind: "trial", n: 1, seq: 1, date: "2024-01-31", amount: 100 },
      { kind: "trial", n: 2, seq: 2, date: "2024-02-29", amount: 100 },
      { kind: "recurring", n: 1, seq: 3, date: "2024-03-31", amount: 2500 },
      { kind: "recurring", n: 2, seq: 4, date: "2024-04-30", amount: 2500 },
      { kind: "recurring", n: 3, seq: 5, date: "2024-05-31", amount: 2500 },
    ]);
    expect(trialCycleDate(withTrial, 2)).toBe("2024-02-29");
    expect(cycleDate(withTrial, 1)).toBe("2024-03-31");
    expect(dateEnd(withTrial)).toBe("2024-05-31");
  });

  it("show in the summary as the reference's trial and recur dates", () => {
    expect(scheduleSummary(withTrial)).toEqual({
      dateStart: "2024-01-31",
      prorateDateStart: null,
      prorateAmt: null,
      trialDateStart: "2024-01-31",
      trialDateEnd: "2024-02-29",
      trialAmt: 100,
      recurDateStart: "2024-03-31",
      recurDateEnd: "2024-05-31",
      recurAmt: 2500,
      dateEnd: "2024-05-31",
    });
  });

  it("a free trial on a specific weekday starts on that day; amount 0", () => {
    const schedule = plan({ frequency: weekly, dateStart: "2024-07-14", trialDuration: 1, billSpecificDay: true, dayOfWeek: 2 });
    expect(cycles(schedule, { limit: 2 })).toEqual([
      { kind: "trial", n: 1, seq: 1, date: "2024-07-15", amount: 0 },
      { kind: "recurring", n: 1, seq: 2, date: "2024-07-22", amount: 1000 },
    ]);
    expect(scheduleSummary(schedule)).toMatchObject({
      trialDateStart: "2024-07-15",
      trialDateEnd: "2024-07-15",
      recurDateStart: "2024-07-22",
      recurDateEnd: null,
      dateEnd: null,
    });
  });
});

describe("a prorated first payment", () => {
  it.each([
    // [what, schedule fields, prorated amount]: the amount × days before the first cycle / days of the cycle ending there.
    [
      "monthly on the 1st from Jan 15: 17 of January's 31 days",
      { frequency: monthly, dateStart: "2024-01-15", dayOfMonth: 1, amtTran: 3100 },
      1700,
      "2024-02-01",
    ],
    [
      "monthly on the 1st from Feb 10 2024: 20 of February's 29 days",
      { frequency: monthly, dateStart: "2024-02-10", dayOfMonth: 1, amtTran: 2900 },
      2000,
      "2024-03-01",
    ],
    [
      "monthly on the last day from Jan 15: 16 of 31 days, rounded",
      { frequency: monthly, dateStart: "2024-01-15", dayOfMonth: 32, amtTran: 1000 },
      516,
      "2024-01-31",
    ],
    [
      "weekly on Monday from Friday: 3 of 7 days, rounded half up",
      { frequency: weekly, dateStart: "2024-07-19", dayOfWeek: 2, amtTran: 1000 },
      429,
      "2024-07-22",
    ],
    ["weekly on Monday from Thursday: 4 of 7 days, rounded", { frequency: weekly, dateStart: "2024-07-18", dayOfWeek: 2, amtTran: 1000 }, 571, "2024-07-22"],
    [
      "every 3 weeks on Monday from Tuesday: 6 of 21 days",
      { frequency: weekly, interval: 3, dateStart: "2024-07-16", dayOfWeek: 2, amtTran: 2100 },
      600,
      "2024-07-22",
    ],
    [
      "annually on Jan 1 from Jul 1 2024: 184 of 366 days",
      { frequency: annually, dateStart: "2024-07-01", month: 1, dayOfMonth: 1, amtTran: 36600 },
      18400,
      "2025-01-01",
    ],
    [
      "a fixed amt_prorate wins over the days",
      { frequency: monthly, dateStart: "2024-01-15", dayOfMonth: 1, amtTran: 3100, amtProrate: 250 },
      250,
      "2024-02-01",
    ],
  ] as [string, Partial<PlanSchedule>, number, string][])("%s", (_what, fields, amount, first) => {
    const schedule = plan({ ...fields, frequency: fields.frequency!, dateStart: fields.dateStart!, billSpecificDay: true, prorateFirstPmt: true, duration: 2 });
    const list = cycles(schedule);
    expect(list[0]).toEqual({ kind: "prorate", n: 1, seq: 0, date: fields.dateStart, amount });
    expect(list.slice(1).map((c) => [c.kind, c.n, c.seq, c.date])).toEqual([
      ["recurring", 1, 1, first],
      ["recurring", 2, 2, cycleDate(schedule, 2)],
    ]);
    expect(scheduleSummary(schedule)).toMatchObject({ prorateDateStart: fields.dateStart, prorateAmt: amount, recurDateStart: first });
  });

  it("is not charged when the start is itself a billing day", () => {
    const schedule = plan({
      frequency: monthly,
      dateStart: "2024-02-01",
      billSpecificDay: true,
      dayOfMonth: 1,
      prorateFirstPmt: true,
      amtProrate: 250,
      duration: 2,
    });
    expect(cycles(schedule).map((c) => c.kind)).toEqual(["recurring", "recurring"]);
    expect(scheduleSummary(schedule)).toMatchObject({ prorateDateStart: null, prorateAmt: null });
  });

  it("is not counted in plan_duration", () => {
    const schedule = plan({ frequency: monthly, dateStart: "2024-01-15", billSpecificDay: true, dayOfMonth: 1, prorateFirstPmt: true, duration: 12 });
    expect(cycles(schedule)).toHaveLength(13);
    expect(dateEnd(schedule)).toBe("2025-01-01");
  });
});

describe("fixed durations", () => {
  it.each([
    [monthly, 1, "2024-01-31", 12, "2024-12-31"],
    [monthly, 3, "2024-01-31", 4, "2024-10-31"],
    [quarterly, 1, "2024-02-29", 4, "2024-11-29"],
    [biAnnually, 1, "2024-08-31", 3, "2025-08-31"],
    [annually, 1, "2024-02-29", 4, "2027-02-28"],
    [weekly, 1, "2024-01-01", 52, "2024-12-23"],
    [biWeekly, 1, "2024-01-01", 26, "2024-12-16"],
    [daily, 1, "2024-01-01", 366, "2024-12-31"],
    [daily, 1, "2024-01-01", 1, "2024-01-01"],
  ])("frequency %i every %i from %s: %i cycles ending %s", (frequency, interval, start, duration, end) => {
    const schedule = plan({ frequency, interval, dateStart: start, duration });
    const list = cycles(schedule);
    expect(list).toHaveLength(duration);
    expect(list.map((c) => c.n)).toEqual(Array.from({ length: duration }, (_, i) => i + 1));
    expect(list.at(-1)!.date).toBe(end);
    expect(dateEnd(schedule)).toBe(end);
    expect(scheduleSummary(schedule)).toMatchObject({ recurDateStart: start, recurDateEnd: end, dateEnd: end });
    expect(() => cycleDate(schedule, duration + 1)).toThrow(ScheduleError);
  });

  it("until cancelled has no end but any cycle has a date", () => {
    const schedule = plan({ frequency: monthly, dateStart: "2024-01-31" });
    expect(dateEnd(schedule)).toBeNull();
    expect(scheduleSummary(schedule)).toMatchObject({ recurDateEnd: null, dateEnd: null });
    expect(cycleDate(schedule, 1000)).toBe("2107-04-30");
    expect(cycleDate(schedule, 1001)).toBe("2107-05-31");
  });
});

describe("what is due in a range", () => {
  const schedule = plan({ frequency: monthly, dateStart: "2024-01-31", duration: 6 });

  it("lists the cycles from and through the given days, both included", () => {
    expect(cycles(schedule, { from: "2024-02-29", through: "2024-04-30" }).map((c) => c.n)).toEqual([2, 3, 4]);
    expect(cycles(schedule, { from: "2024-03-01", through: "2024-04-29" }).map((c) => c.n)).toEqual([3]);
    expect(cycles(schedule, { from: "2024-02-29", through: "2024-02-29" }).map((c) => c.date)).toEqual(["2024-02-29"]);
    expect(cycles(schedule, { from: "2024-03-01", through: "2024-03-30" })).toEqual([]);
    expect(cycles(schedule, { through: "2024-01-30" })).toEqual([]);
    expect(cycles(schedule, { from: "2024-07-01" })).toEqual([]);
    expect(cycles(schedule, { from: "2024-05-01", limit: 1 }).map((c) => c.n)).toEqual([5]);
  });

  it("includes the prorated payment on the start day", () => {
    const prorated = plan({ frequency: monthly, dateStart: "2024-01-15", billSpecificDay: true, dayOfMonth: 1, prorateFirstPmt: true });
    expect(cycles(prorated, { from: "2024-01-15", through: "2024-01-15" }).map((c) => c.kind)).toEqual(["prorate"]);
    expect(cycles(prorated, { from: "2024-01-16", through: "2024-02-01" }).map((c) => c.kind)).toEqual(["recurring"]);
    expect(cycles(prorated, { limit: 0 })).toEqual([]);
    expect(cycles(prorated, { limit: 1 }).map((c) => c.kind)).toEqual(["prorate"]);
  });

  it("gives the next cycle on or after a day, and null after the last", () => {
    expect(nextCycleOnOrAfter(schedule, "2023-06-01")?.date).toBe("2024-01-31");
    expect(nextCycleOnOrAfter(schedule, "2024-02-29")?.n).toBe(2);
    expect(nextCycleOnOrAfter(schedule, "2024-03-01")?.date).toBe("2024-03-31");
    expect(nextCycleOnOrAfter(schedule, "2024-06-30")?.n).toBe(6);
    expect(nextCycleOnOrAfter(schedule, "2024-07-01")).toBeNull();
  });
});

describe("impossible schedules are refused with a ScheduleError naming the field", () => {
  const base = plan({ frequency: monthly, dateStart: "2024-01-15" });
  it.each([
    ["plan_frequency", { frequency: 2 }],
    ["plan_frequency", { frequency: 8 }],
    ["plan_frequency", { frequency: "3" }],
    ["interval", { interval: 0 }],
    ["interval", { interval: 100 }],
    ["interval", { interval: 1.5 }],
    ["interval", { frequency: daily, interval: 2 }],
    ["interval", { frequency: biWeekly, interval: 2 }],
    ["interval", { frequency: quarterly, interval: 2 }],
    ["interval", { frequency: biAnnually, interval: 2 }],
    ["interval", { frequency: annually, interval: 2 }],
    ["plan_duration", { duration: 0 }],
    ["plan_duration", { duration: -2 }],
    ["plan_duration", { duration: 10000 }],
    ["plan_duration", { duration: 2.5 }],
    ["date_start", { dateStart: "2023-02-29" }],
    ["date_start", { dateStart: "2024-13-01" }],
    ["date_start", { dateStart: "2024-1-15" }],
    ["date_start", { dateStart: "2024-01-15T00:00:00Z" }],
    ["amt_tran", { amtTran: -1 }],
    ["amt_tran", { amtTran: 10.5 }],
    ["amt_tran", { amtTran: Number.NaN }],
    ["trial_duration", { trialDuration: 100 }],
    ["trial_duration", { trialDuration: -1 }],
    ["amt_trial", { amtTrial: 100 }],
    ["amt_trial", { trialDuration: 1, amtTrial: -5 }],
    ["day_of_week", { dayOfWeek: 2 }],
    ["day_of_month", { dayOfMonth: 1 }],
    ["month", { month: 1 }],
    ["prorate_first_pmt", { prorateFirstPmt: true }],
    ["amt_prorate", { amtProrate: 100 }],
    ["amt_prorate", { billSpecificDay: true, dayOfMonth: 1, prorateFirstPmt: true, amtProrate: -1 }],
    ["bill_specific_day", { frequency: daily, billSpecificDay: true }],
    ["day_of_week", { frequency: weekly, billSpecificDay: true }],
    ["day_of_week", { frequency: weekly, billSpecificDay: true, dayOfWeek: 0 }],
    ["day_of_week", { frequency: biWeekly, billSpecificDay: true, dayOfWeek: 8 }],
    ["day_of_month", { frequency: weekly, billSpecificDay: true, dayOfWeek: 1, dayOfMonth: 1 }],
    ["month", { frequency: weekly, billSpecificDay: true, dayOfWeek: 1, month: 1 }],
    ["day_of_month", { billSpecificDay: true }],
    ["day_of_month", { billSpecificDay: true, dayOfMonth: 0 }],
    ["day_of_month", { billSpecificDay: true, dayOfMonth: 33 }],
    ["day_of_week", { billSpecificDay: true, dayOfMonth: 1, dayOfWeek: 1 }],
    ["month", { billSpecificDay: true, dayOfMonth: 1, month: 2 }],
    ["month", { frequency: quarterly, billSpecificDay: true, dayOfMonth: 1, month: 2 }],
    ["month", { frequency: annually, billSpecificDay: true, dayOfMonth: 1 }],
    ["month", { frequency: annually, billSpecificDay: true, dayOfMonth: 1, month: 13 }],
    ["month", { frequency: annually, billSpecificDay: true, dayOfMonth: 1, month: 0 }],
    ["prorate_first_pmt", { billSpecificDay: true, dayOfMonth: 1, prorateFirstPmt: true, trialDuration: 1 }],
  ] as [string, Record<string, unknown>][])("%s: %j", (field, fields) => {
    const schedule = { ...base, ...fields } as PlanSchedule;
    expect(() => cycles(schedule, { limit: 3 })).toThrow(ScheduleError);
    expect(() => scheduleSummary(schedule)).toThrow(new RegExp(`^${field} `));
  });

  it("refuses cycle numbers that do not exist and unbounded or malformed ranges", () => {
    const fixed = { ...base, duration: 12 };
    for (const n of [0, -1, 1.5, 13, Number.NaN]) expect(() => cycleDate(fixed, n), String(n)).toThrow(ScheduleError);
    expect(() => trialCycleDate(fixed, 1)).toThrow(/trial cycle 1 does not exist/);
    expect(() => cycles(base)).toThrow(/give through or limit/);
    expect(() => cycles(base, { from: "2024-02-30", limit: 1 })).toThrow(/^from /);
    expect(() => cycles(base, { through: "tomorrow" })).toThrow(/^through /);
    expect(() => cycles(base, { limit: -1 })).toThrow(/^limit /);
    expect(() => cycles(base, { limit: 1.5 })).toThrow(/^limit /);
    expect(() => nextCycleOnOrAfter(base, "2024-01-15T00:00:00Z")).toThrow(ScheduleError);
  });

  it("accepts null for unset fields and interval 1 on any frequency (the reference's default)", () => {
    const schedule = {
      ...base,
      frequency: annually,
      interval: 1,
      billSpecificDay: null,
      dayOfWeek: null,
      dayOfMonth: null,
      month: null,
      trialDuration: null,
      amtTrial: null,
      prorateFirstPmt: null,
      amtProrate: null,
    };
    expect(dates(schedule as PlanSchedule, 2)).toEqual(["2024-01-15", "2025-01-15"]);
  });

  it("refuses a cycle past year 9999 instead of writing a date nobody can read", () => {
    expect(() => cycleDate(plan({ frequency: annually, dateStart: "2024-01-01", duration: 9999 }), 9999)).toThrow(RangeError);
  });
});
