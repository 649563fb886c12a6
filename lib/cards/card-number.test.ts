import { describe, expect, it } from "vitest";
import { normalizeCardNumber, validateCardNumber, type CardNumberValidation } from "./card-number";
import { luhnCheckDigit } from "./luhn";

/** `prefix` zero-padded to length-1 digits plus the correct Luhn check digit. */
function luhnValid(prefix: string, length: number): string {
  const payload = prefix.padEnd(length - 1, "0");
  return payload + String(luhnCheckDigit(payload));
}

describe("normalizeCardNumber", () => {
  it.each<[string, string | null]>([
    ["4111111111111111", "4111111111111111"],
    ["4111 1111 1111 1111", "4111111111111111"],
    ["4111-1111-1111-1111", "4111111111111111"],
    ["4111 1111-1111 1111", "4111111111111111"],
    ["3782 822463 10005", "378282246310005"],
    ["  4111 1111 1111 1111\n", "4111111111111111"], // pasted with surrounding whitespace
    ["4111  1111 1111 1111", null], // double space
    ["4111--1111", null],
    ["-4111111111111111", null],
    ["4111111111111111-", null],
    ["4111.1111.1111.1111", null],
    ["4111/1111", null],
    ["4111\t1111", null],
    ["4111111111111111a", null],
    ["card 4111111111111111", null],
    ["４１１１１１１１１１１１１１１１", null],
    ["", null],
    ["   ", null],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeCardNumber(input)).toBe(expected);
  });
});

describe("validateCardNumber", () => {
  it.each<[string, string, CardNumberValidation]>([
    ["visa 16", "4111111111111111", { ok: true, digits: "4111111111111111", cardType: "VS" }],
    ["visa with spaces", "4111 1111 1111 1111", { ok: true, digits: "4111111111111111", cardType: "VS" }],
    ["visa 13", "4222222222222", { ok: true, digits: "4222222222222", cardType: "VS" }],
    ["mc 2-series", "2223003122003222", { ok: true, digits: "2223003122003222", cardType: "MC" }],
    ["amex", "3782-822463-10005", { ok: true, digits: "378282246310005", cardType: "AM" }],
    ["diners 14", "36227206271667", { ok: true, digits: "36227206271667", cardType: "DS" }],
    ["jcb", "3530111333300000", { ok: true, digits: "3530111333300000", cardType: "JC" }],
    ["letters", "4111a11111111111", { ok: false, reason: "format" }],
    ["empty", "", { ok: false, reason: "format" }],
    ["double separator", "4111  1111 1111 1111", { ok: false, reason: "format" }],
    ["12 digits", luhnValid("4", 12), { ok: false, reason: "length" }],
    ["17 digits (over the API limit)", luhnValid("6011", 17), { ok: false, reason: "length" }],
    ["19-digit visa (over the API limit)", luhnValid("4", 19), { ok: false, reason: "length" }],
    ["bad check digit", "4111111111111112", { ok: false, reason: "luhn" }],
    ["unknown prefix", luhnValid("1", 16), { ok: false, reason: "unsupported_brand" }],
    ["mc just past 2720", luhnValid("2721", 16), { ok: false, reason: "unsupported_brand" }],
    ["14-digit visa", luhnValid("4", 14), { ok: false, reason: "length" }],
    ["16-digit amex", luhnValid("37", 16), { ok: false, reason: "length" }],
    ["15-digit discover", luhnValid("6011", 15), { ok: false, reason: "length" }],
  ])("%s", (_name, input, expected) => {
    expect(validateCardNumber(input)).toEqual(expected);
  });
});
