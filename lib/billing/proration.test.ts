import { describe, expect, it } from "vitest";
import { proratedAmount } from "./proration";

describe("proratedAmount", () => {
  it.each([
    [3100, 17, 31, 1700],
    [1000, 3, 7, 429], // 428.57 rounds up
    [1000, 4, 7, 571], // 571.43 rounds down
    [1, 1, 2, 1], // a half rounds up
    [3, 1, 2, 2],
    [1, 1, 3, 0],
    [999, 0, 30, 0],
    [999, 30, 30, 999],
    [0, 12, 31, 0],
  ])("%i × %i / %i = %i", (amount, partialDays, cycleDays, expected) => {
    expect(proratedAmount(amount, partialDays, cycleDays)).toBe(expected);
  });

  it("is exact for the largest amounts, where floating point would not be", () => {
    // Near the largest amount the API takes (12 digits and 2 decimals), amount × days is past 2^53:
    // Math.round(99_999_999_999_875 * 365 / 366) gives ...160, but the exact quotient is ...159.4.
    expect(proratedAmount(99_999_999_999_875, 365, 366)).toBe(99_726_775_956_159);
    expect(proratedAmount(99_999_999_999_999, 365, 366)).toBe(99_726_775_956_283);
  });

  it.each([
    [-1, 1, 2],
    [1.5, 1, 2],
    [100, 3, 2],
    [100, -1, 2],
    [100, 1, 0],
    [100, 0.5, 2],
  ])("refuses %d × %d / %d", (amount, partialDays, cycleDays) => {
    expect(() => proratedAmount(amount, partialDays, cycleDays)).toThrow(RangeError);
  });
});
