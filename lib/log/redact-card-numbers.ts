// Finds card numbers inside free text (messages, error strings, URLs) and
// replaces them with "[CARD]". This is the layer that still works when a PAN
// ends up under a field name nobody thought of.
//
// Trade-offs, deliberately chosen:
// - A candidate is a run of 13-19 digits made of whole digit groups joined by
//   single spaces or hyphens ("4111 1111 1111 1111", "4111-1111-...") that
//   passes Luhn. About one in ten random digit strings passes Luhn, so an
//   innocent 13-19 digit string (a 13-digit millisecond timestamp written as
//   a string, a 19-digit snowflake id) is redacted ~10% of the time. Losing a
//   log detail is cheap; leaking a PAN is not.
// - Shorter numbers (12-digit merchant ids, 10-digit phone numbers) are never
//   touched, and neither are JS numbers, because only strings are scanned.
// - A PAN glued onto other digits with no separator (a 20+ digit run) is not
//   a card-number shape and is left alone; trying every window would redact
//   nearly every long digit string.
// - Other separators (dots, double spaces, tabs) are not recognised.

import { isLuhnValid } from "../cards/luhn";

const CARD_PLACEHOLDER = "[CARD]";
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

// Cheap pre-check: does the text contain 13 digits in a row (separators
// allowed)? Most log strings do not, and skip the work below entirely.
const MAY_CONTAIN_CARD = /[0-9](?:[ -]?[0-9]){12}/;
// A maximal run of digit groups joined by single spaces or hyphens.
const DIGIT_RUN = /[0-9]+(?:[ -][0-9]+)*/g;
const DIGIT_GROUP = /[0-9]+/g;

/** `text` with every Luhn-valid 13-19 digit card-number-shaped run replaced by "[CARD]". */
export function redactCardNumbers(text: string): string {
  if (!MAY_CONTAIN_CARD.test(text)) return text;
  return text.replace(DIGIT_RUN, redactRun);
}

/** Whether `text` holds a run that redactCardNumbers would replace: the API refuses such free text (lib/validation/free-text.ts). */
export function containsCardNumber(text: string): boolean {
  if (!MAY_CONTAIN_CARD.test(text)) return false;
  return Array.from(text.matchAll(DIGIT_RUN), (m) => cardSpans(m[0])).some((spans) => spans.length > 0);
}

// Within one run, test every sequence of consecutive groups holding 13-19
// digits, so "call 555-123-4567 4111 1111 1111 1111" still finds the card
// after the phone number. The inner loop stops after at most 19 groups, so
// the work stays linear in the length of the run.
function redactRun(run: string): string {
  const spans = cardSpans(run);
  return spans.length === 0 ? run : replaceSpans(run, mergeOverlapping(spans));
}

function cardSpans(run: string): Span[] {
  const groups = Array.from(run.matchAll(DIGIT_GROUP), (m) => ({
    start: m.index,
    end: m.index + m[0].length,
    digits: m[0],
  }));
  const spans: Span[] = [];
  for (const [i, first] of groups.entries()) {
    let digits = "";
    for (let j = i; j < groups.length; j++) {
      const last = groups[j];
      if (last === undefined) break;
      digits += last.digits;
      if (digits.length > MAX_DIGITS) break;
      if (digits.length >= MIN_DIGITS && isLuhnValid(digits)) spans.push({ start: first.start, end: last.end });
    }
  }
  return spans;
}

interface Span {
  start: number;
  end: number;
}

// Spans arrive sorted by start; overlapping ones become one placeholder.
function mergeOverlapping(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start < previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function replaceSpans(run: string, spans: readonly Span[]): string {
  let out = "";
  let cursor = 0;
  for (const span of spans) {
    out += run.slice(cursor, span.start) + CARD_PLACEHOLDER;
    cursor = span.end;
  }
  return out + run.slice(cursor);
}
