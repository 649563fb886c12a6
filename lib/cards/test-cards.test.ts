import { describe, expect, it } from "vitest";
import { generateTestCardNumber, TEST_CARD_NUMBERS } from "./test-cards";
import { validateCardNumber } from "./card-number";
import { isLuhnValid } from "./luhn";
import type { CardType } from "./card-type";

const entries = Object.entries(TEST_CARD_NUMBERS).flatMap(([type, numbers]) => numbers.map((n) => [type as CardType, n] as const));

describe("TEST_CARD_NUMBERS", () => {
  it("has numbers for every brand", () => {
    for (const numbers of Object.values(TEST_CARD_NUMBERS)) expect(numbers.length).toBeGreaterThan(0);
  });

  it.each(entries)("%s %s passes validateCardNumber as that brand", (type, number) => {
    expect(validateCardNumber(number)).toEqual({ ok: true, digits: number, cardType: type });
  });
});

describe("generateTestCardNumber", () => {
  it.each<[string, number, CardType]>([
    ["4", 16, "VS"],
    ["4", 13, "VS"],
    ["2720", 16, "MC"],
    ["51", 16, "MC"],
    ["37", 15, "AM"],
    ["6011", 16, "DS"],
    ["622126", 16, "DS"],
    ["36", 14, "DS"],
    ["3528", 16, "JC"],
  ])("prefix %s length %i is a valid %s", (prefix, length, type) => {
    for (let i = 0; i < 50; i++) {
      const n = generateTestCardNumber(prefix, length);
      expect(n.startsWith(prefix)).toBe(true);
      expect(n).toHaveLength(length);
      expect(validateCardNumber(n)).toEqual({ ok: true, digits: n, cardType: type });
    }
  });

  it("uses the supplied rng for the middle digits", () => {
    expect(generateTestCardNumber("4", 16, () => 0)).toBe("4000000000000002");
    // An rng returning exactly 1 must still yield a single digit.
    expect(generateTestCardNumber("4", 16, () => 1)).toBe("4999999999999996");
  });

  it("allows a prefix that leaves only the check digit", () => {
    expect(generateTestCardNumber("411111111111111", 16)).toBe("4111111111111111");
  });

  it("produces distinct numbers in bulk", () => {
    const numbers = new Set(Array.from({ length: 5000 }, () => generateTestCardNumber("4", 16)));
    expect(numbers.size).toBe(5000);
    for (const n of numbers) expect(isLuhnValid(n)).toBe(true);
  });

  it.each<[string, number]>([
    ["4a", 16],
    ["4 1", 16],
  ])("rejects prefix %j", (prefix, length) => {
    expect(() => generateTestCardNumber(prefix, length)).toThrow(TypeError);
  });

  it.each<[string, number]>([
    ["4111", 4], // no room for the check digit
    ["4", 20],
    ["4", 16.5],
    ["4", Number.NaN],
  ])("rejects prefix %j with length %d", (prefix, length) => {
    expect(() => generateTestCardNumber(prefix, length)).toThrow(RangeError);
  });
});
