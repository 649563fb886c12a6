import { describe, expect, it } from "vitest";
import { cardTypeFromPrefix, detectCardType, validLengthsFor, type CardType } from "./card-type";

/** `prefix` padded with zeros to `length` digits (brand detection ignores Luhn). */
const pad = (prefix: string, length: number) => prefix.padEnd(length, "0");

describe("detectCardType", () => {
  it.each<[string, string, number, CardType | null]>([
    // Visa: 13, 16, 19 only
    ["visa 13", "4", 13, "VS"],
    ["visa 16", "4", 16, "VS"],
    ["visa 19", "4", 19, "VS"],
    ["visa 14", "4", 14, null],
    ["visa 15", "4", 15, null],
    ["visa 17", "4", 17, null],
    // Mastercard 51-55 and 2221-2720, 16 digits
    ["mc 50", "50", 16, null],
    ["mc 51", "51", 16, "MC"],
    ["mc 55", "55", 16, "MC"],
    ["mc 56", "56", 16, null],
    ["mc 2220", "2220", 16, null],
    ["mc 2221", "2221", 16, "MC"],
    ["mc 2720", "2720", 16, "MC"],
    ["mc 2721", "2721", 16, null],
    ["mc 15 digits", "51", 15, null],
    // Amex 34, 37, 15 digits
    ["amex 34", "34", 15, "AM"],
    ["amex 37", "37", 15, "AM"],
    ["amex 35", "35", 15, null],
    ["amex 16 digits", "37", 16, null],
    // Discover 6011, 644-649, 65, 622126-622925, 16-19
    ["discover 6011", "6011", 16, "DS"],
    ["discover 6011 19", "6011", 19, "DS"],
    ["discover 6011 15", "6011", 15, null],
    ["discover 6012", "6012", 16, null],
    ["discover 643", "643", 16, null],
    ["discover 644", "644", 16, "DS"],
    ["discover 649", "649", 16, "DS"],
    ["discover 65", "65", 16, "DS"],
    ["discover 66", "66", 16, null],
    ["discover 622125", "622125", 16, null],
    ["discover 622126", "622126", 16, "DS"],
    ["discover 622925", "622925", 16, "DS"],
    ["discover 622926", "622926", 16, null],
    // Diners 300-305, 36, 38-39, 14-19, reported as DS
    ["diners 300", "300", 14, "DS"],
    ["diners 305", "305", 14, "DS"],
    ["diners 306", "306", 14, null],
    ["diners 36", "36", 14, "DS"],
    ["diners 38", "38", 16, "DS"],
    ["diners 39", "39", 19, "DS"],
    ["diners 13 digits", "36", 13, null],
    // JCB 3528-3589, 16-19
    ["jcb 3527", "3527", 16, null],
    ["jcb 3528", "3528", 16, "JC"],
    ["jcb 3589", "3589", 19, "JC"],
    ["jcb 3590", "3590", 16, null],
    ["jcb 15 digits", "3528", 15, null],
    // nothing issues these
    ["prefix 1", "1", 16, null],
    ["prefix 9", "9", 16, null],
  ])("%s", (_name, prefix, length, expected) => {
    expect(detectCardType(pad(prefix, length))).toBe(expected);
  });

  it.each(["", "4111 1111 1111 1111", "4111-1111-1111-1111", "411111111111111x"])("rejects non-digit input %j", (input) => {
    expect(detectCardType(input)).toBeNull();
  });
});

describe("cardTypeFromPrefix", () => {
  it.each<[string, CardType | null]>([
    ["", null],
    ["4", "VS"],
    ["41111", "VS"],
    ["3", null], // AM, DS (Diners) or JC: still ambiguous
    ["34", "AM"],
    ["37", "AM"],
    ["35", "JC"],
    ["352", "JC"],
    ["3527", null],
    ["30", "DS"],
    ["306", null],
    ["5", "MC"],
    ["50", null],
    ["2", "MC"],
    ["222", "MC"],
    ["2220", null],
    ["272", "MC"],
    ["2721", null],
    ["28", null],
    ["6", "DS"],
    ["62", "DS"],
    ["62212", "DS"], // 622120-622129 still overlaps 622126
    ["622125", null],
    ["622126", "DS"],
    ["63", null],
    ["1", null],
    ["0", null],
    ["4".repeat(20), null], // longer than any card
    ["4 1", null],
    ["4x", null],
  ])("%j -> %s", (partial, expected) => {
    expect(cardTypeFromPrefix(partial)).toBe(expected);
  });

  it("agrees with detectCardType on complete numbers", () => {
    for (const n of ["4111111111111111", "2720000000000000", "378282246310005", "36227206271667", "3530111333300000"]) {
      expect(cardTypeFromPrefix(n)).toBe(detectCardType(n));
    }
  });
});

describe("validLengthsFor", () => {
  it.each<[CardType, number[]]>([
    ["VS", [13, 16, 19]],
    ["MC", [16]],
    ["AM", [15]],
    ["DS", [14, 15, 16, 17, 18, 19]], // Diners 14-19 plus Discover 16-19
    ["JC", [16, 17, 18, 19]],
  ])("%s", (type, expected) => {
    expect(validLengthsFor(type)).toEqual(expected);
  });
});
