import { describe, expect, it } from "vitest";
import { FIRST_DAY, LAST_DAY, civilDate, clampedDay, dayNumber, daysInMonth, formatDay, isLeapYear, monthIndex, parseDay, weekday } from "./utc-date";

const DAY_MS = 86_400_000;

describe("day numbers", () => {
  it("agree with the engine's UTC calendar for every day from 1890 to 2110", () => {
    // Date is the independent oracle here: its UTC getters, never the local ones.
    const first = Date.UTC(1890, 0, 1) / DAY_MS;
    const last = Date.UTC(2110, 11, 31) / DAY_MS;
    for (let n = first; n <= last; n++) {
      const date = new Date(n * DAY_MS);
      const civil = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      if (dayNumber(civil) !== n) expect.fail(`dayNumber(${JSON.stringify(civil)}) should be ${n}`);
      const back = civilDate(n);
      if (back.year !== civil.year || back.month !== civil.month || back.day !== civil.day) expect.fail(`civilDate(${n}) should be ${JSON.stringify(civil)}`);
      if (weekday(n) !== date.getUTCDay()) expect.fail(`weekday(${n}) should be ${date.getUTCDay()}`);
      if (formatDay(n) !== date.toISOString().slice(0, 10)) expect.fail(`formatDay(${n})`);
      if (parseDay(formatDay(n)) !== n) expect.fail(`parseDay(formatDay(${n}))`);
    }
  });

  it("round-trip at both ends of four-digit years", () => {
    expect(formatDay(FIRST_DAY)).toBe("0001-01-01");
    expect(formatDay(LAST_DAY)).toBe("9999-12-31");
    expect(parseDay("0001-01-01")).toBe(FIRST_DAY);
    expect(parseDay("9999-12-31")).toBe(LAST_DAY);
    expect(() => formatDay(LAST_DAY + 1)).toThrow(RangeError);
    expect(() => formatDay(FIRST_DAY - 1)).toThrow(RangeError);
    expect(() => formatDay(1.5)).toThrow(RangeError);
  });
});

describe("parseDay", () => {
  it.each(["2024-02-29", "2000-02-29", "1970-01-01", "2023-12-31"])("reads %s", (text) => {
    expect(formatDay(parseDay(text)!)).toBe(text);
  });

  it.each([
    "2023-02-29",
    "1900-02-29",
    "2100-02-29",
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "0000-01-01",
    "2024-1-1",
    "24-01-01",
    "2024-01-01T00:00:00Z",
    " 2024-01-01",
    "",
    "2024/01/01",
  ])("refuses %j", (text) => {
    expect(parseDay(text)).toBeNull();
  });
});

describe("the calendar", () => {
  it("knows leap years: every 4th, not every 100th, every 400th", () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
  });

  it("knows month lengths", () => {
    expect(Array.from({ length: 12 }, (_, i) => daysInMonth(2023, i + 1))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it("clamps a day to the month's last when the month is shorter", () => {
    expect(formatDay(clampedDay(monthIndex(2024, 2), 31))).toBe("2024-02-29");
    expect(formatDay(clampedDay(monthIndex(2025, 2), 29))).toBe("2025-02-28");
    expect(formatDay(clampedDay(monthIndex(2025, 4), 31))).toBe("2025-04-30");
    expect(formatDay(clampedDay(monthIndex(2025, 4), 32))).toBe("2025-04-30");
    expect(formatDay(clampedDay(monthIndex(2025, 1) + 13, 31))).toBe("2026-02-28");
  });
});
