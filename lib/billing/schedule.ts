// A subscription's billing dates, computed from its plan fields and start date
// alone (docs/billing.md, "Schedule"). Pure: no clock, no database. Every date
// is computed from the anchor (the first cycle), never by adding to the
// previous date, so a cycle pushed to a month's last day returns to its day
// the month after (Jan 31, Feb 28 or 29, Mar 31).

import {
  FREQUENCY,
  LAST_DAY_OF_MONTH,
  ScheduleError,
  UNTIL_CANCELLED,
  firstSlotOnOrAfter,
  resolveSchedule,
  slotDay,
  type ResolvedSchedule,
} from "./plan-schedule";
import type { PlanSchedule, PlanFrequency } from "./plan-schedule";
import { proratedAmount } from "./proration";
import { formatDay, parseDay } from "./utc-date";

export { FREQUENCY, LAST_DAY_OF_MONTH, ScheduleError, UNTIL_CANCELLED };
export type { PlanSchedule, PlanFrequency };

/** One charge of the schedule. */
export interface Cycle {
  /** "prorate": the partial period before the first cycle; "trial": a trial cycle; "recurring": a regular cycle. */
  kind: "prorate" | "trial" | "recurring";
  /** 1-based within its kind: trial cycle 2, recurring cycle 12. */
  n: number;
  /** Its place in the whole schedule, stable for the subscription's life: 0 the prorated payment, then 1, 2, ... the trial cycles followed by the recurring ones. */
  seq: number;
  /** "YYYY-MM-DD", the UTC day it is due. */
  date: string;
  /** Integer minor units. */
  amount: number;
}

/** The dates a subscription answer shows, as the reference names them; null where there is none. */
export interface ScheduleSummary {
  dateStart: string;
  prorateDateStart: string | null;
  prorateAmt: number | null;
  trialDateStart: string | null;
  /** The last trial cycle's date. */
  trialDateEnd: string | null;
  trialAmt: number | null;
  recurDateStart: string;
  /** The last recurring cycle's date; null until cancelled. */
  recurDateEnd: string | null;
  recurAmt: number;
  /** The last charge's date (the last recurring cycle); null until cancelled. */
  dateEnd: string | null;
}

function slotCount(resolved: ResolvedSchedule): number {
  return resolved.duration === null ? Infinity : resolved.trialCycles + resolved.duration;
}

function cycleAt(resolved: ResolvedSchedule, k: number): Cycle {
  const isTrial = k < resolved.trialCycles;
  return {
    kind: isTrial ? "trial" : "recurring",
    n: isTrial ? k + 1 : k - resolved.trialCycles + 1,
    seq: k + 1,
    date: formatDay(slotDay(resolved, k)),
    amount: isTrial ? resolved.amtTrial : resolved.amtTran,
  };
}

function prorateCycle(resolved: ResolvedSchedule): Cycle | null {
  if (!resolved.prorate) return null;
  const amount = resolved.prorate.fixedAmount ?? proratedAmount(resolved.amtTran, resolved.anchor - resolved.start, resolved.anchor - slotDay(resolved, -1));
  return { kind: "prorate", n: 1, seq: 0, date: formatDay(resolved.start), amount };
}

function requireCycleNumber(what: string, n: number, max: number): void {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ScheduleError(`${what} ${n} does not exist: the schedule has ${max === Infinity ? "no end" : max}`);
}

function dayOption(name: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const day = parseDay(text);
  if (day === null) throw new ScheduleError(`${name} must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return day;
}

/** The date of recurring cycle n (1-based, after any trial). */
export function cycleDate(schedule: PlanSchedule, n: number): string {
  const resolved = resolveSchedule(schedule);
  requireCycleNumber("recurring cycle", n, resolved.duration ?? Infinity);
  return formatDay(slotDay(resolved, resolved.trialCycles + n - 1));
}

/** The date of trial cycle n (1-based). */
export function trialCycleDate(schedule: PlanSchedule, n: number): string {
  const resolved = resolveSchedule(schedule);
  requireCycleNumber("trial cycle", n, resolved.trialCycles);
  return formatDay(slotDay(resolved, n - 1));
}

/**
 * The charges due from `from` through `through` (both "YYYY-MM-DD", both
 * included; either may be left out), oldest first, at most `limit` of them.
 * A schedule without an end needs `through` or `limit`.
 */
export function cycles(schedule: PlanSchedule, options: { from?: string; through?: string; limit?: number } = {}): Cycle[] {
  const resolved = resolveSchedule(schedule);
  const from = dayOption("from", options.from);
  const through = dayOption("through", options.through);
  const limit = options.limit ?? Infinity;
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) throw new ScheduleError(`limit must be a non-negative integer, got ${limit}`);
  const count = slotCount(resolved);
  if (through === null && limit === Infinity && count === Infinity)
    throw new ScheduleError("a schedule billed until cancelled has no last cycle: give through or limit");

  const found: Cycle[] = [];
  const prorate = prorateCycle(resolved);
  if (prorate && (from === null || resolved.start >= from) && (through === null || resolved.start <= through)) found.push(prorate);
  for (let k = from === null ? 0 : firstSlotOnOrAfter(resolved, from); k < count && found.length < limit; k++) {
    if (through !== null && slotDay(resolved, k) > through) break;
    found.push(cycleAt(resolved, k));
  }
  return found.slice(0, limit);
}

/**
 * The charge numbered `seq` (Cycle.seq: 0 the prorated payment, then the
 * trial and recurring cycles), or null when there is none: seq 0 on a
 * schedule without proration, or a seq past a fixed duration's end.
 */
export function cycleAtSeq(schedule: PlanSchedule, seq: number): Cycle | null {
  if (!Number.isInteger(seq) || seq < 0) throw new ScheduleError(`seq must be a non-negative integer, got ${seq}`);
  const resolved = resolveSchedule(schedule);
  if (seq === 0) return prorateCycle(resolved);
  return seq - 1 < slotCount(resolved) ? cycleAt(resolved, seq - 1) : null;
}

/** The first charge due on or after `date`, or null when the schedule has ended by then. */
export function nextCycleOnOrAfter(schedule: PlanSchedule, date: string): Cycle | null {
  return cycles(schedule, { from: date, limit: 1 })[0] ?? null;
}

/** The date of the last charge: the last recurring cycle's, or null for a plan billed until cancelled. */
export function dateEnd(schedule: PlanSchedule): string | null {
  const resolved = resolveSchedule(schedule);
  return resolved.duration === null ? null : formatDay(slotDay(resolved, resolved.trialCycles + resolved.duration - 1));
}

/** The prorated first payment, the trial and the recurring period, as a subscription answer shows them. */
export function scheduleSummary(schedule: PlanSchedule): ScheduleSummary {
  const resolved = resolveSchedule(schedule);
  const prorate = prorateCycle(resolved);
  const { trialCycles, duration } = resolved;
  const end = duration === null ? null : formatDay(slotDay(resolved, trialCycles + duration - 1));
  return {
    dateStart: formatDay(resolved.start),
    prorateDateStart: prorate?.date ?? null,
    prorateAmt: prorate?.amount ?? null,
    trialDateStart: trialCycles > 0 ? formatDay(slotDay(resolved, 0)) : null,
    trialDateEnd: trialCycles > 0 ? formatDay(slotDay(resolved, trialCycles - 1)) : null,
    trialAmt: trialCycles > 0 ? resolved.amtTrial : null,
    recurDateStart: formatDay(slotDay(resolved, trialCycles)),
    recurDateEnd: end,
    recurAmt: resolved.amtTran,
    dateEnd: end,
  };
}
