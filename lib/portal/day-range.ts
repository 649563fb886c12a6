// A "from" and "to" date as a person picks them in a portal filter: whole UTC
// days, both ends included. Lists take [from, to), so `to` becomes the next
// midnight. A bad date is reported on its field, never guessed.

const DAY_MS = 24 * 60 * 60 * 1000;

export type DayRange = { from?: Date; to?: Date; errors: { from?: string; to?: string } };

function day(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

/** The range of two YYYY-MM-DD texts (either may be empty). */
export function parseDayRange(fromText: string, toText: string): DayRange {
  const range: DayRange = { errors: {} };
  if (fromText) {
    const from = day(fromText);
    if (from) range.from = from;
    else range.errors.from = "must be a date (YYYY-MM-DD)";
  }
  if (toText) {
    const to = day(toText);
    if (to) range.to = new Date(to.getTime() + DAY_MS);
    else range.errors.to = "must be a date (YYYY-MM-DD)";
  }
  if (range.from && range.to && range.from >= range.to) {
    range.errors.to = "must not be before the start date";
    delete range.to;
  }
  return range;
}
