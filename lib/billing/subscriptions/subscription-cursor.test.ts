// The subscription cursor over generated schedules: walking it from the
// first cycle visits every cycle the schedule lists, in order, once; a
// paused subscription resumes on the first cycle on or after its day.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cycles, FREQUENCY, UNTIL_CANCELLED } from "../schedule";
import { parseDay } from "../utc-date";
import { cursorAfter, cursorOnOrAfter, firstCursor, retryDay, scheduleOf, type SubscriptionTerms } from "./subscription-cursor";

const anyTerms: fc.Arbitrary<SubscriptionTerms> = fc
  .record({
    frequency: fc.constantFrom(...Object.values(FREQUENCY)),
    duration: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(UNTIL_CANCELLED)),
    start: fc.integer({ min: parseDay("2025-01-01")!, max: parseDay("2029-12-31")! }),
    trialDuration: fc.integer({ min: 0, max: 3 }),
    specificDay: fc.boolean(),
    dayOfMonth: fc.integer({ min: 1, max: 32 }),
    dayOfWeek: fc.integer({ min: 1, max: 7 }),
  })
  .map((r) => {
    const weekBased = r.frequency === FREQUENCY.weekly || r.frequency === FREQUENCY.biWeekly;
    const specific = r.specificDay && r.frequency !== FREQUENCY.daily && r.frequency !== FREQUENCY.annually;
    return {
      frequency: r.frequency,
      interval: 1,
      duration: r.duration,
      trialDuration: r.trialDuration,
      trialMinor: 100n,
      amountMinor: 1000n,
      billSpecificDay: specific,
      dayOfWeek: specific && weekBased ? r.dayOfWeek : null,
      dayOfMonth: specific && !weekBased ? r.dayOfMonth : null,
      month: null,
      // Proration only with a specific day and no trial.
      prorateFirstPayment: specific && r.trialDuration === 0,
      prorateMinor: null,
      dateStart: new Date(r.start * 86_400_000).toISOString().slice(0, 10),
    };
  });

describe("the subscription cursor", () => {
  it("walks every cycle of the schedule once, in order, each due on its date, then ends", () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const listed = cycles(scheduleOf(terms), { limit: 40 });
        const walked = [];
        let cursor = firstCursor(terms);
        while (cursor.nextSeq !== null && walked.length < listed.length) {
          walked.push([cursor.nextSeq, cursor.dueDay]);
          cursor = cursorAfter(terms, cursor.nextSeq);
        }
        expect(walked).toEqual(listed.map((c) => [c.seq, parseDay(c.date)]));
        if (terms.duration !== UNTIL_CANCELLED) expect(cursor).toEqual({ nextSeq: null, dueDay: null });
      }),
      { numRuns: 500 },
    );
  });

  it("resuming on a day goes to the first cycle on or after it", () => {
    fc.assert(
      fc.property(anyTerms, fc.integer({ min: 0, max: 400 }), (terms, after) => {
        const day = parseDay(terms.dateStart)! + after;
        const expected = cycles(scheduleOf(terms), { limit: 500 }).find((c) => parseDay(c.date)! >= day);
        expect(cursorOnOrAfter(terms, day)).toEqual(expected ? { nextSeq: expected.seq, dueDay: parseDay(expected.date) } : { nextSeq: null, dueDay: null });
      }),
      { numRuns: 300 },
    );
  });

  it("retries come 1, 3 and 5 days after the cycle's date; after the third there is none", () => {
    expect([0, 1, 2, 3, 4].map((declines) => retryDay(100, declines))).toEqual([100, 101, 103, 105, null]);
  });
});
