import { describe, expect, it } from "vitest";
import { redactCardNumbers } from "../log/redact-card-numbers";
import { z } from "zod";
import { CARD_NUMBER_MESSAGE, CONTROL_CHARACTER_MESSAGE, freeText, freeTextProblem } from "./free-text";

describe("freeTextProblem", () => {
  it.each([
    ["a name", "Ada Lovelace"],
    ["a phone number", "+1 (415) 555-2671"],
    ["a long international phone number that fails Luhn", "+43 664 123 456 78"],
    ["a zip", "94402-1234"],
    ["a 12-digit reference", "210000000289"],
    ["a Luhn-failing 16-digit reference", "4111111111111112"],
    ["accents and non-Latin scripts", "Zoë Ünal 李雷 مرحبا"],
    ["a right-to-left mark (not an override)", "abc\u200Fdef"],
  ])("accepts %s", (_name, value) => {
    expect(freeTextProblem(value)).toBeNull();
  });

  it.each([
    ["a bare card number", "4111111111111111"],
    ["a card number with spaces", "ref 4111 1111 1111 1111"],
    ["a card number with hyphens", "4111-1111-1111-1111"],
    ["an amex grouped 4-6-5", "3782 822463 10005"],
    ["a 13-digit Luhn-valid run", "x4222222222222"],
  ])("refuses %s as a card number", (_name, value) => {
    expect(freeTextProblem(value)).toBe(CARD_NUMBER_MESSAGE);
    // The same run the log hides: one rule, not two.
    expect(redactCardNumbers(value)).not.toBe(value);
  });

  it.each([
    ["NUL", "Ada\u0000"],
    ["bell", "Ada\u0007"],
    ["escape", "\u001b[31mAda"],
    ["DEL", "Ada\u007F"],
    ["a C1 control", "Ada\u0085"],
    ["a right-to-left override", "Ada\u202Etxt.exe"],
    ["a left-to-right embedding", "\u202AAda"],
    ["a first-strong isolate", "Ada\u2068"],
    ["a pop directional isolate", "Ada\u2069"],
    ["a tab in a one-line field", "Ada\tLee"],
    ["a line feed in a one-line field", "Ada\nLee"],
  ])("refuses %s", (_name, value) => {
    expect(freeTextProblem(value)).toBe(CONTROL_CHARACTER_MESSAGE);
  });

  it("allows tab and line breaks where text may span lines, and nothing else", () => {
    expect(freeTextProblem("line one\r\nline\ttwo", { multiLine: true })).toBeNull();
    expect(freeTextProblem("line one\u0000", { multiLine: true })).toBe(CONTROL_CHARACTER_MESSAGE);
    expect(freeTextProblem("call\n4111111111111111", { multiLine: true })).toBe(CARD_NUMBER_MESSAGE);
  });
});

describe("freeText", () => {
  const messages = { cardNumber: "Remove the card number", controlCharacter: "Remove the control characters" };

  it("puts the rule's message on the field, or a form's own words for it", () => {
    expect(freeText(z.string()).safeParse("4111 1111 1111 1111").error?.issues[0]?.message).toBe(CARD_NUMBER_MESSAGE);
    expect(freeText(z.string(), { messages }).safeParse("4111 1111 1111 1111").error?.issues[0]?.message).toBe("Remove the card number");
    expect(freeText(z.string(), { messages }).safeParse("Ada\u0000").error?.issues[0]?.message).toBe("Remove the control characters");
    expect(freeText(z.string(), { messages }).safeParse("Ada").success).toBe(true);
  });
});
