import type { z } from "zod";
import { containsCardNumber } from "../log/redact-card-numbers";

// The one rule for free text a client sends (names, addresses, comments,
// reference ids, labels): every request schema that takes such a field
// passes it through freeText, so the API and the portal refuse the same
// values with the same words (docs/api-contract.md, "Free text").
//
// - A card number: a run the log would redact as one (13-19 digits, in
//   groups joined by single spaces or hyphens, passing Luhn) is refused.
//   Such a field is stored in cleartext and returned as typed, so a number
//   put there by mistake would leak where the vault's encryption cannot
//   reach. The detection is the log's own (lib/log/redact-card-numbers.ts),
//   so what the API refuses is exactly what the log would hide. Phone
//   numbers go through the same rule: a phone number of 13 or more digits
//   that also passes Luhn is rare enough that refusing it is the cheaper
//   mistake.
// - Control characters: C0 controls (NUL included), DEL, C1 controls and
//   the bidirectional embeddings, overrides and isolates (U+202A to U+202E,
//   U+2066 to U+2069) are refused: they hide or reorder what a support
//   person reads in the portal. Tab, line feed and carriage return are
//   allowed only where text may span lines (a customer's comments).

export const CARD_NUMBER_MESSAGE = "must not contain a card number";
export const CONTROL_CHARACTER_MESSAGE = "must not contain control or bidirectional formatting characters";

const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_CHARACTER = /[\t\n\r]/;

export type FreeTextOptions = {
  /** Allow tab, line feed and carriage return (text that may span lines). */
  multiLine?: boolean;
  /** The words a form shows instead of the API's, for a form written in sentences. */
  messages?: { cardNumber: string; controlCharacter: string };
};

/** What is wrong with a free-text value under the rule above, or null when nothing is. */
export function freeTextProblem(value: string, options: FreeTextOptions = {}): typeof CARD_NUMBER_MESSAGE | typeof CONTROL_CHARACTER_MESSAGE | null {
  if (CONTROL_CHARACTER.test(value) || (!options.multiLine && LINE_CHARACTER.test(value))) return CONTROL_CHARACTER_MESSAGE;
  if (containsCardNumber(value)) return CARD_NUMBER_MESSAGE;
  return null;
}

/** `schema` refusing what freeTextProblem finds, with its message on the field. */
export function freeText<S extends z.ZodType<string>>(schema: S, options: FreeTextOptions = {}): S {
  return schema.superRefine((value, ctx) => {
    const problem = freeTextProblem(value, options);
    if (!problem) return;
    const words = options.messages;
    const message = words ? (problem === CARD_NUMBER_MESSAGE ? words.cardNumber : words.controlCharacter) : problem;
    ctx.addIssue({ code: "custom", message });
  }) as S;
}
