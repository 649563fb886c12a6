import { describe, expect, it } from "vitest";
import { FREQUENCY } from "../schedule";
import { parseDay } from "../utc-date";
import type { SubscriptionTerms } from "../subscriptions/subscription-cursor";
import { changeAfterAnswer } from "./charge-outcome";

const terms: SubscriptionTerms = {
  frequency: FREQUENCY.monthly,
  interval: 1,
  duration: 3,
  trialDuration: 0,
  trialMinor: 0n,
  amountMinor: 1000n,
  billSpecificDay: false,
  dayOfWeek: null,
  dayOfMonth: null,
  month: null,
  prorateFirstPayment: false,
  prorateMinor: null,
  dateStart: "2027-01-31",
};
const day = (text: string) => parseDay(text)!;
const approved = { approved: true, rcode: "000" };
const soft = { approved: false, rcode: "051" };
const hard = { approved: false, rcode: "059" };
const cycle1 = { seq: 1, cycleDay: day("2027-01-31") };

describe("what an answer does to a subscription", () => {
  it("an approval moves to the next cycle's date, and the last one completes it", () => {
    expect(changeAfterAnswer(terms, cycle1, approved, 0, cycle1.cycleDay)).toEqual({ kind: "advance", nextSeq: 2, dueDay: day("2027-02-28") });
    expect(changeAfterAnswer(terms, { seq: 3, cycleDay: day("2027-03-31") }, approved, 0, day("2027-03-31"))).toEqual({ kind: "complete" });
  });

  it("soft declines (005, 006, 051) are retried 1, 3 and 5 days after the cycle's date, then suspend", () => {
    for (const rcode of ["005", "006", "051"]) {
      const answer = { approved: false, rcode };
      expect(changeAfterAnswer(terms, cycle1, answer, 0, day("2027-01-31"))).toEqual({ kind: "retry", declines: 1, dueDay: day("2027-02-01") });
      expect(changeAfterAnswer(terms, cycle1, answer, 1, day("2027-02-01"))).toEqual({ kind: "retry", declines: 2, dueDay: day("2027-02-03") });
      expect(changeAfterAnswer(terms, cycle1, answer, 2, day("2027-02-03"))).toEqual({ kind: "retry", declines: 3, dueDay: day("2027-02-05") });
      expect(changeAfterAnswer(terms, cycle1, answer, 3, day("2027-02-05"))).toEqual({ kind: "suspend" });
    }
  });

  it("hard declines suspend at once", () => {
    for (const rcode of ["007", "041", "043", "059"])
      expect(changeAfterAnswer(terms, cycle1, { approved: false, rcode }, 0, cycle1.cycleDay)).toEqual({ kind: "suspend" });
  });

  it("a cycle charged late (after a resume) still spaces its retries by the rule's gaps", () => {
    const today = day("2027-03-10");
    expect(changeAfterAnswer(terms, cycle1, soft, 0, today)).toEqual({ kind: "retry", declines: 1, dueDay: today + 1 });
    expect(changeAfterAnswer(terms, cycle1, soft, 1, today)).toEqual({ kind: "retry", declines: 2, dueDay: today + 2 });
  });

  it("a setup fee's answer moves nothing", () => {
    expect(changeAfterAnswer(terms, { seq: -1, cycleDay: cycle1.cycleDay }, approved, 0, cycle1.cycleDay)).toEqual({ kind: "setup" });
    expect(changeAfterAnswer(terms, { seq: -1, cycleDay: cycle1.cycleDay }, hard, 0, cycle1.cycleDay)).toEqual({ kind: "setup" });
  });
});
