import { cardBrandOf, longestNumberFor } from "./card-brand";

// The card number and expiry fields, formatted as the customer types (in
// the browser only; the server accepts the same inputs with or without this
// formatting, lib/cards/card-number.ts and lib/cards/expiry.ts). The number
// is grouped as its brand prints it and held to the brand's length; the
// expiry gets its "/". Non-digits are dropped.
//
// Each edit is formatted from the field's new value and caret, so typing,
// pasting, autofill and edits in the middle all take the same path. The
// caret is kept after the same count of digits it was after, which keeps it
// right after a digit typed or behind a digit deleted mid-number.

/** A field's text and caret (a selection collapsed to one position). */
export type Edit = { value: string; caret: number };
/** The fields formatted as typed, by their form names. */
export type FormattedField = "card_number" | "exp_date";
/** What the edit did, from the input event's inputType: a deletion leaves no new separator at the end and no padding. */
export type EditKind = "insert" | "deleteBackward" | "deleteForward";

// One character of the formatted value: a digit (with its index among the
// digits kept) or something the formatter added (a separator, a padding 0).
type Piece = { char: string; digit: number | null };

const digitsIn = (text: string) => text.replace(/\D/g, "");
const countDigits = (text: string) => digitsIn(text).length;

/**
 * Drops `excess` digits: those just before the caret first (what was just
 * typed or pasted, so a full field ignores more), then from the end; none
 * before `keep` (the expiry's month when the year is too long).
 */
function dropExcess(digits: string, caret: number, excess: number, keep = 0): { digits: string; caret: number } {
  if (excess <= 0) return { digits, caret };
  const from = Math.min(caret, Math.max(keep, caret - excess));
  const kept = digits.slice(0, from) + digits.slice(caret);
  return { digits: kept.slice(0, kept.length - (excess - (caret - from))), caret: from };
}

function pieces(digits: string, groups: readonly number[], separator: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    if (at > 0) out.push({ char: separator, digit: null });
    for (const char of digits.slice(at, at + size)) out.push({ char, digit: at++ });
  }
  return out;
}

/** Where the caret goes: after the digit it followed; past a separator that ends the value, so typing goes on after it. */
function place(formatted: Piece[], caretDigit: number): Edit {
  const value = formatted.map((p) => p.char).join("");
  let caret = 0;
  formatted.forEach((piece, index) => {
    if (piece.digit !== null && piece.digit < caretDigit) caret = index + 1;
  });
  if (caretDigit > 0 && formatted.slice(caret).every((p) => p.digit === null)) caret = value.length;
  return { value, caret };
}

// How each brand prints its number. Diners Club's 14-digit numbers are
// 4-6-4; its longer ones, like every other brand's, are in fours.
function groupsFor(digits: string): readonly number[] {
  const brand = cardBrandOf(digits);
  if (brand === "amex") return [4, 6, 5];
  if (brand === "diners" && digits.length <= 14) return [4, 6, 4];
  return [4, 4, 4, 4, 3];
}

/** The card number grouped with spaces as its brand prints it, at most as long as its brand's numbers. */
export function formatCardNumber(edit: Edit): Edit {
  const typed = digitsIn(edit.value);
  const caret = countDigits(edit.value.slice(0, edit.caret));
  const kept = dropExcess(typed, caret, typed.length - longestNumberFor(typed));
  return place(pieces(kept.digits, groupsFor(kept.digits), " "), kept.caret);
}

/** Years are two digits, or four from 2000. */
const longestYear = (year: string) => (year.startsWith("20") && year.length > 2 ? 4 : 2);

/**
 * The expiry as MM/YY (or MM/YYYY when the year is typed in full, which the
 * server accepts too): "/" after the month, "2" becomes "02/". While
 * deleting, a month is not padded and no "/" is added at the end, so
 * backspace can go back over them.
 */
export function formatExpiry(edit: Edit, kind: EditKind = "insert"): Edit {
  const inserting = kind === "insert";
  const slash = edit.value.indexOf("/");
  const typed = digitsIn(edit.value);
  if (typed === "") return { value: "", caret: 0 };
  // The month is what comes before a typed "/" (none, one or two digits), else a lone 2-9 or the first two digits.
  const beforeSlash = slash >= 0 ? countDigits(edit.value.slice(0, slash)) : 3;
  const monthLength = beforeSlash <= 2 ? beforeSlash : typed[0]! >= "2" ? 1 : 2;
  const padded = inserting && monthLength === 1 && typed[0] !== "0";
  const year = typed.slice(monthLength);
  const kept = dropExcess(typed, countDigits(edit.value.slice(0, edit.caret)), year.length - longestYear(year), monthLength);
  // What was dropped may have changed how the year starts, and so how long it may be.
  const keptYear = kept.digits.slice(monthLength);
  const digits = kept.digits.slice(0, monthLength + Math.min(keptYear.length, longestYear(keptYear)));
  const caret = Math.min(kept.caret, digits.length);

  const month = Math.min(monthLength, digits.length);
  const formatted: Piece[] = padded ? [{ char: "0", digit: null }] : [];
  for (let i = 0; i < digits.length; i++) {
    if (i === month) formatted.push({ char: "/", digit: null });
    formatted.push({ char: digits[i]!, digit: i });
  }
  // A complete month gets its "/" as soon as it is typed; one typed by the customer stays.
  const slashAtEnd = digits.length === month && (slash >= 0 || (inserting && (month === 2 || padded)));
  if (slashAtEnd) formatted.push({ char: "/", digit: null });
  return place(formatted, caret);
}

function formatField(field: FormattedField, edit: Edit, kind: EditKind): Edit {
  return field === "card_number" ? formatCardNumber(edit) : formatExpiry(edit, kind);
}

/**
 * Formats a field after an edit. `previous` is its value before the edit:
 * a deletion that took only a separator (backspace just after a space or the
 * "/") would be put straight back, so it takes the digit beyond it as well.
 */
export function formatAsTyped(field: FormattedField, next: Edit, kind: EditKind, previous?: string): Edit {
  const formatted = formatField(field, next, kind);
  if (kind === "insert" || previous === undefined || formatted.value !== previous || next.value.length >= previous.length) return formatted;
  // The caret sits where the deleted separators were; find the digit beyond them in the previous value.
  const removed = previous.length - next.value.length;
  const at = kind === "deleteBackward" ? lastDigitBefore(previous, next.caret) : firstDigitFrom(previous, next.caret + removed);
  if (at < 0) return formatted;
  return formatField(field, { value: previous.slice(0, at) + previous.slice(at + 1), caret: kind === "deleteBackward" ? at : next.caret }, kind);
}

function lastDigitBefore(text: string, end: number): number {
  for (let i = end - 1; i >= 0; i--) if (/\d/.test(text[i]!)) return i;
  return -1;
}

function firstDigitFrom(text: string, start: number): number {
  for (let i = start; i < text.length; i++) if (/\d/.test(text[i]!)) return i;
  return -1;
}

/** The kind of edit an input event's inputType names; autofill and scripts send none, which counts as an insert. */
export function editKindOf(inputType: string | undefined): EditKind {
  if (!inputType?.startsWith("delete")) return "insert";
  return inputType.endsWith("Forward") ? "deleteForward" : "deleteBackward";
}
