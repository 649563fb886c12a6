import { civilDate } from "../billing/utc-date";

// The monthly harvest's calendar: a merchant is harvested once a month, on
// its harvest day or the first pass after it (docs/account-updater.md,
// "The monthly harvest").

/** The month of a day number, as year * 12 + month - 1. */
export function monthOf(day: number): number {
  const { year, month } = civilDate(day);
  return year * 12 + month - 1;
}

/** Whether the merchant's harvest of the month is due on `today`. */
export function harvestDue(enrolment: { harvestDay: number; lastHarvestMonth: number | null }, today: number): boolean {
  return civilDate(today).day >= enrolment.harvestDay && (enrolment.lastHarvestMonth === null || enrolment.lastHarvestMonth < monthOf(today));
}

/**
 * The month to record as already harvested when a merchant enrols on
 * `today`: enrolled after this month's harvest day, its first harvest is
 * next month's rather than one at once; on the day itself, it is today's.
 */
export function monthHarvestedAtEnrolment(harvestDay: number, today: number): number | null {
  return civilDate(today).day > harvestDay ? monthOf(today) : null;
}
