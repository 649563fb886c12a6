import { describe, expect, it } from "vitest";
import { isLuhnValid, luhnCheckDigit } from "./luhn";

describe("isLuhnValid", () => {
  it.each([
    ["4111111111111111", true],
    ["4111111111111112", false],
    ["79927398713", true], // the textbook example
    ["79927398710", false],
    ["378282246310005", true],
    ["0", true], // checksum 0 is valid; length rules live elsewhere
    ["1", false],
    ["", false],
    ["4111 1111 1111 1111", false], // separators are the caller's job
    ["4111-1111-1111-1111", false],
    ["abc", false],
    ["411111111111111a", false],
    ["４１１１１１１１１１１１１１１１", false], // full-width digits are not digits here
  ])("%j -> %s", (input, expected) => {
    expect(isLuhnValid(input)).toBe(expected);
  });
});

describe("luhnCheckDigit", () => {
  it.each([
    ["411111111111111", 1],
    ["7992739871", 3],
    ["37828224631000", 5],
    ["", 0],
  ])("%j -> %i", (payload, expected) => {
    expect(luhnCheckDigit(payload)).toBe(expected);
    expect(isLuhnValid(payload + String(expected))).toBe(payload !== "" || expected === 0);
  });

  it("rejects non-digit payloads", () => {
    expect(() => luhnCheckDigit("12a")).toThrow(TypeError);
  });
});
