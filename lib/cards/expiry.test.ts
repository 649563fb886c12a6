import { describe, expect, it } from "vitest";
import { expDateProblem, isExpired, normalizeExpiryInput, parseExpDate, type ExpDate } from "./expiry";

describe("parseExpDate", () => {
  it.each<[string, ExpDate | null]>([
    ["0125", { month: 1, year: 2025 }],
    ["1299", { month: 12, year: 2099 }],
    ["1200", { month: 12, year: 2000 }],
    ["0925", { month: 9, year: 2025 }],
    ["0025", null], // month 00
    ["1325", null], // month 13
    ["125", null],
    ["01255", null],
    ["01/25", null], // the API format has no slash
    [" 0125", null],
    ["0a25", null],
    ["", null],
  ])("%j -> %j", (input, expected) => {
    expect(parseExpDate(input)).toEqual(expected);
  });
});

describe("isExpired", () => {
  const nov2024: ExpDate = { month: 11, year: 2024 };
  const dec2024: ExpDate = { month: 12, year: 2024 };
  it.each<[string, ExpDate, string, boolean]>([
    ["earlier month", nov2024, "2024-10-15T12:00:00.000Z", false],
    ["first instant of expiry month", nov2024, "2024-11-01T00:00:00.000Z", false],
    ["last instant of expiry month", nov2024, "2024-11-30T23:59:59.999Z", false],
    ["first instant after expiry month", nov2024, "2024-12-01T00:00:00.000Z", true],
    ["expired last month", nov2024, "2024-12-15T00:00:00.000Z", true],
    ["expired years ago", nov2024, "2030-01-01T00:00:00.000Z", true],
    ["December, last instant", dec2024, "2024-12-31T23:59:59.999Z", false],
    ["December, next January", dec2024, "2025-01-01T00:00:00.000Z", true],
  ])("%s", (_name, exp, now, expected) => {
    expect(isExpired(exp, new Date(now))).toBe(expected);
  });
});

describe("normalizeExpiryInput", () => {
  it.each<[string, string | null]>([
    ["12/25", "1225"],
    ["1225", "1225"],
    ["12/2025", "1225"],
    ["1/25", "0125"],
    ["1/2025", "0125"],
    ["01 / 25", "0125"],
    [" 1/ 25 ", "0125"],
    ["0125 ", "0125"],
    ["01/00", "0100"],
    ["00/25", null],
    ["0/25", null],
    ["13/25", null],
    ["1325", null],
    ["12/1999", null], // MMYY cannot express 19xx
    ["12/2125", null],
    ["12/225", null],
    ["12-25", null],
    ["12//25", null],
    ["122025", null],
    ["125", null],
    ["ab/cd", null],
    ["", null],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeExpiryInput(input)).toBe(expected);
  });

  it("produces strings parseExpDate accepts", () => {
    for (const typed of ["12/25", "1/2030", "07 / 29"]) {
      const mmyy = normalizeExpiryInput(typed);
      expect(mmyy).not.toBeNull();
      expect(parseExpDate(mmyy ?? "")).not.toBeNull();
    }
  });
});

describe("expDateProblem", () => {
  const now = new Date(Date.UTC(2026, 10, 24)); // November 2026
  it.each([
    ["1126", null],
    ["1226", null],
    ["1026", "the card has expired"],
    ["1326", "must be MMYY"],
    ["11/26", "must be MMYY"],
  ])("%s → %s", (mmyy, expected) => {
    expect(expDateProblem(mmyy, now)).toBe(expected);
  });
});
