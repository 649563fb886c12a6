import { cycleAtSeq, nextCycleOnOrAfter, type Cycle, type PlanFrequency, type PlanSchedule } from "../schedule";
import { formatDay, parseDay } from "../utc-date";

// Where a subscription stands in its schedule: the next cycle to charge
// (nextSeq) and the day the billing run charges it (dueDay), a retry's day
// after declines (docs/billing.md, "The billing run"). Pure: the API's
// operations and the run move the cursor through these, and nothing else
// computes it.

/** The terms a subscription bills, as its row keeps them (amounts in minor units). */
export type SubscriptionTerms = {
  frequency: number;
  interval: number;
  duration: number;
  trialDuration: number;
  trialMinor: bigint;
  amountMinor: bigint;
  billSpecificDay: boolean;
  dayOfWeek: number | null;
  dayOfMonth: number | null;
  month: number | null;
  prorateFirstPayment: boolean;
  prorateMinor: bigint | null;
  /** "YYYY-MM-DD". */
  dateStart: string;
};

export type Cursor = { nextSeq: number | null; dueDay: number | null };

/** Days after a cycle's date that its retries come, by the number of soft declines so far (three retries). */
export const RETRY_DAYS = [0, 1, 3, 5] as const;
/** Days a subscription stays suspended before it is cancelled. */
export const SUSPENSION_DAYS = 60;

/** A subscription's terms as the schedule module reads them. */
export function scheduleOf(terms: SubscriptionTerms): PlanSchedule {
  return {
    frequency: terms.frequency as PlanFrequency,
    interval: terms.interval,
    duration: terms.duration,
    dateStart: terms.dateStart,
    amtTran: Number(terms.amountMinor),
    billSpecificDay: terms.billSpecificDay,
    dayOfWeek: terms.dayOfWeek,
    dayOfMonth: terms.dayOfMonth,
    month: terms.month,
    // The schedule refuses an amount for a part that does not apply (a trial amount without a trial).
    trialDuration: terms.trialDuration,
    amtTrial: terms.trialDuration > 0 ? Number(terms.trialMinor) : null,
    prorateFirstPmt: terms.prorateFirstPayment,
    amtProrate: terms.prorateFirstPayment && terms.prorateMinor !== null ? Number(terms.prorateMinor) : null,
  };
}

function cursorAt(cycle: Cycle | null): Cursor {
  return cycle === null ? { nextSeq: null, dueDay: null } : { nextSeq: cycle.seq, dueDay: parseDay(cycle.date) };
}

/** A new subscription's cursor: its first charge (the prorated payment, or cycle 1). */
export function firstCursor(terms: SubscriptionTerms): Cursor {
  const schedule = scheduleOf(terms);
  return cursorAt(cycleAtSeq(schedule, 0) ?? cycleAtSeq(schedule, 1));
}

/** The cursor once cycle `seq` is charged (or given up): the next cycle, or none when it was the last. */
export function cursorAfter(terms: SubscriptionTerms, seq: number): Cursor {
  return cursorAt(cycleAtSeq(scheduleOf(terms), seq + 1));
}

/** The first cycle due on or after a day number: where a paused subscription resumes, skipping what it missed. */
export function cursorOnOrAfter(terms: SubscriptionTerms, day: number): Cursor {
  return cursorAt(nextCycleOnOrAfter(scheduleOf(terms), formatDay(day)));
}

/** Cycle `seq` of the subscription, or null past its end. */
export function cycleOf(terms: SubscriptionTerms, seq: number): Cycle | null {
  return cycleAtSeq(scheduleOf(terms), seq);
}

/** The day a cycle is charged after `declines` soft declines: its date, then 1, 3 and 5 days after; null once the retries ran out. */
export function retryDay(cycleDay: number, declines: number): number | null {
  const offset = RETRY_DAYS[declines];
  return offset === undefined ? null : cycleDay + offset;
}
