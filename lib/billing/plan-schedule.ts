// What a subscription's billing dates are computed from, and the one place
// that reads it: resolveSchedule turns the plan's fields (docs/billing.md,
// "Schedule") into an anchor day and a step, or throws ScheduleError.
// Requests are validated field by field before they get here; this check is
// the last guard, so a schedule that slipped through fails loudly instead of
// billing on a wrong day or looping.

import { clampedDay, civilDate, daysInMonth, monthIndex, parseDay, weekday } from "./utc-date";

/** plan_frequency codes as the API writes them. */
export const FREQUENCY = { weekly: 0, biWeekly: 1, monthly: 3, quarterly: 4, biAnnually: 5, annually: 6, daily: 7 } as const;
export type PlanFrequency = (typeof FREQUENCY)[keyof typeof FREQUENCY];

/** plan_duration meaning "bill until cancelled". */
export const UNTIL_CANCELLED = -1;
/** day_of_month meaning "the last day of the month". */
export const LAST_DAY_OF_MONTH = 32;

/** A subscription's plan fields that decide its dates and amounts; amounts are integer minor units. */
export interface PlanSchedule {
  frequency: PlanFrequency;
  /** Weeks (weekly) or months (monthly) per cycle, 1 to 99; absent means 1. Other frequencies take only 1. */
  interval?: number | null;
  /** Recurring cycles, 1 to 9999, after any trial; UNTIL_CANCELLED for no end. */
  duration: number;
  /** "YYYY-MM-DD", a UTC calendar day. */
  dateStart: string;
  /** Charged each recurring cycle. */
  amtTran: number;
  billSpecificDay?: boolean | null;
  /** Weekly and bi-weekly plans billed on a specific day: 1 Sunday to 7 Saturday. */
  dayOfWeek?: number | null;
  /** Monthly, quarterly, bi-annual and annual plans billed on a specific day: 1 to 31, or 32 for the last day. */
  dayOfMonth?: number | null;
  /** Annual plans billed on a specific day: 1 January to 12 December. */
  month?: number | null;
  /** Cycles billed at amtTrial before the recurring ones, 0 to 99. */
  trialDuration?: number | null;
  amtTrial?: number | null;
  /** Specific-day plans only: charge the days from dateStart to the first cycle on dateStart. */
  prorateFirstPmt?: boolean | null;
  /** A fixed prorated amount; absent or 0 means computed from the days (./proration.ts). */
  amtProrate?: number | null;
}

/** A schedule that cannot be billed; its message names the field as the API does. */
export class ScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScheduleError";
  }
}

/** A checked schedule: slot k (0-based, trial slots first) is `step` days or months after the anchor. */
export interface ResolvedSchedule {
  unit: "day" | "month";
  step: number;
  /** Day number of slot 0, the first trial or recurring cycle. */
  anchor: number;
  /** For unit "month": monthIndex of slot 0, and the day of month every slot aims for (32 = last). */
  anchorMonth: number;
  targetDay: number;
  /** Day number of dateStart; before the anchor only with a specific day. */
  start: number;
  trialCycles: number;
  /** Recurring cycles, or null until cancelled. */
  duration: number | null;
  amtTran: number;
  amtTrial: number;
  /** Whether a prorated first payment falls on dateStart, and its fixed amount if any. */
  prorate: { fixedAmount: number | null } | null;
}

const MONTHS_PER_CYCLE: Partial<Record<PlanFrequency, number>> = { 4: 3, 5: 6, 6: 12 };

function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

function requireInteger(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new ScheduleError(`${field} must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

function requireAmount(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new ScheduleError(`${field} must be a non-negative integer amount in minor units, got ${value}`);
  return value;
}

function requireUnset(field: string, value: unknown, why: string): void {
  if (!isUnset(value)) throw new ScheduleError(`${field} applies only ${why}`);
}

/** Checks a schedule and works out its anchor and step; throws ScheduleError for anything that cannot be billed. */
export function resolveSchedule(schedule: PlanSchedule): ResolvedSchedule {
  const { frequency } = schedule;
  if (!Object.values(FREQUENCY).includes(frequency)) throw new ScheduleError(`plan_frequency ${frequency} is not one of 0, 1, 3, 4, 5, 6, 7`);
  const interval = requireInteger("interval", schedule.interval ?? 1, 1, 99);
  if (interval !== 1 && frequency !== FREQUENCY.weekly && frequency !== FREQUENCY.monthly) {
    throw new ScheduleError("interval applies only to weekly and monthly plans");
  }
  const duration = schedule.duration === UNTIL_CANCELLED ? null : requireInteger("plan_duration", schedule.duration, 1, 9999);
  const start = parseDay(schedule.dateStart);
  if (start === null) throw new ScheduleError(`date_start must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(schedule.dateStart)}`);
  const amtTran = requireAmount("amt_tran", schedule.amtTran);

  const trialCycles = requireInteger("trial_duration", schedule.trialDuration ?? 0, 0, 99);
  const amtTrial = requireAmount("amt_trial", schedule.amtTrial ?? 0);
  if (trialCycles === 0 && amtTrial !== 0) throw new ScheduleError("amt_trial applies only with a trial_duration");

  const isSpecificDay = schedule.billSpecificDay === true;
  const wantsProrate = schedule.prorateFirstPmt === true;
  const fixedProrate = requireAmount("amt_prorate", schedule.amtProrate ?? 0);
  if (!isSpecificDay) {
    for (const [field, value] of [
      ["day_of_week", schedule.dayOfWeek],
      ["day_of_month", schedule.dayOfMonth],
      ["month", schedule.month],
    ] as const) {
      requireUnset(field, value, "when bill_specific_day is true");
    }
    if (wantsProrate) throw new ScheduleError("prorate_first_pmt applies only when bill_specific_day is true");
  }
  if (!wantsProrate && fixedProrate !== 0) throw new ScheduleError("amt_prorate applies only when prorate_first_pmt is true");
  if (wantsProrate && trialCycles > 0)
    throw new ScheduleError("prorate_first_pmt cannot be combined with a trial: the trial's first cycle already starts the subscription");

  const common = { start, trialCycles, duration, amtTran, amtTrial };
  const dayBased = (step: number, anchor: number): ResolvedSchedule => ({ ...common, unit: "day", step, anchor, anchorMonth: 0, targetDay: 0, prorate: null });

  if (frequency === FREQUENCY.daily) {
    if (isSpecificDay) throw new ScheduleError("bill_specific_day does not apply to daily plans");
    return dayBased(1, start);
  }
  if (frequency === FREQUENCY.weekly || frequency === FREQUENCY.biWeekly) {
    const step = frequency === FREQUENCY.weekly ? 7 * interval : 14;
    requireUnset("day_of_month", schedule.dayOfMonth, "to monthly, quarterly, bi-annual and annual plans");
    requireUnset("month", schedule.month, "to annual plans");
    if (!isSpecificDay) return dayBased(step, start);
    if (isUnset(schedule.dayOfWeek)) throw new ScheduleError("day_of_week is required for a weekly or bi-weekly plan billed on a specific day");
    const wanted = requireInteger("day_of_week", schedule.dayOfWeek!, 1, 7) - 1;
    const anchor = start + ((wanted - weekday(start) + 7) % 7);
    return { ...dayBased(step, anchor), prorate: prorateFor(wantsProrate, start, anchor, fixedProrate) };
  }

  // Month-based: monthly (every `interval` months), quarterly, bi-annual, annual.
  const step = MONTHS_PER_CYCLE[frequency] ?? interval;
  requireUnset("day_of_week", schedule.dayOfWeek, "to weekly and bi-weekly plans");
  const { year, month, day } = civilDate(start);
  const startMonth = monthIndex(year, month);
  if (!isSpecificDay) {
    return { ...common, unit: "month", step, anchor: start, anchorMonth: startMonth, targetDay: day, prorate: null };
  }
  if (isUnset(schedule.dayOfMonth)) throw new ScheduleError("day_of_month is required for a month-based plan billed on a specific day");
  const targetDay = requireInteger("day_of_month", schedule.dayOfMonth!, 1, LAST_DAY_OF_MONTH);
  let anchorMonth: number;
  if (frequency === FREQUENCY.annually) {
    if (isUnset(schedule.month)) throw new ScheduleError("month is required for an annual plan billed on a specific day");
    anchorMonth = monthIndex(year, requireInteger("month", schedule.month!, 1, 12));
    if (clampedDay(anchorMonth, targetDay) < start) anchorMonth += 12;
  } else {
    requireUnset("month", schedule.month, "to annual plans");
    anchorMonth = Math.min(targetDay, daysInMonth(year, month)) >= day ? startMonth : startMonth + 1;
  }
  const anchor = clampedDay(anchorMonth, targetDay);
  return { ...common, unit: "month", step, anchor, anchorMonth, targetDay, prorate: prorateFor(wantsProrate, start, anchor, fixedProrate) };
}

// No prorated payment when the start is itself a billing day: there is no partial period.
function prorateFor(wantsProrate: boolean, start: number, anchor: number, fixedAmount: number): ResolvedSchedule["prorate"] {
  return wantsProrate && anchor > start ? { fixedAmount: fixedAmount === 0 ? null : fixedAmount } : null;
}

/** The day number of slot k; k = -1 is the slot before the first, which the proration measures the first cycle from. */
export function slotDay(resolved: ResolvedSchedule, k: number): number {
  if (resolved.unit === "day") return resolved.anchor + k * resolved.step;
  return clampedDay(resolved.anchorMonth + k * resolved.step, resolved.targetDay);
}

/** The first slot on or after a day number (it may be past the schedule's last slot). */
export function firstSlotOnOrAfter(resolved: ResolvedSchedule, day: number): number {
  if (day <= resolved.anchor) return 0;
  if (resolved.unit === "day") return Math.ceil((day - resolved.anchor) / resolved.step);
  // Slot k lies in the day's month or an earlier one, and every slot before it in an earlier month,
  // so at most one step forward is left.
  const { year, month } = civilDate(day);
  let k = Math.floor((monthIndex(year, month) - resolved.anchorMonth) / resolved.step);
  while (slotDay(resolved, k) < day) k++;
  return k;
}
