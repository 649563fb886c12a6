// The harvest day's rule (docs/account-updater.md, "Enrolment"), pure so the
// portal's enrolment form checks it in the browser with the server's words.

export const DEFAULT_HARVEST_DAY = 1;
/** The last day every month has: a harvest day never falls off a short month. */
export const MAX_HARVEST_DAY = 28;

/** What a harvest day must be, as a field error says it. */
export const HARVEST_DAY_RULE = `must be a whole number from 1 to ${MAX_HARVEST_DAY}`;

export function isHarvestDay(day: number): boolean {
  return Number.isInteger(day) && day >= 1 && day <= MAX_HARVEST_DAY;
}
