// Calendar days as plain integers (days since 1970-01-01) and "YYYY-MM-DD"
// texts, never Date objects: billing dates are UTC calendar days
// (docs/billing.md), and a Date read with a local-time getter is one slip away
// from the wrong day. The conversions are Howard Hinnant's civil-date
// algorithms, exact for every day of the proleptic Gregorian calendar.

/** A calendar date as its parts; `month` is 1 (January) to 12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The first and last day a "YYYY-MM-DD" text can name (four-digit years). */
export const FIRST_DAY = -719162; // 0001-01-01
export const LAST_DAY = 2932896; // 9999-12-31

/** Gregorian: every 4th year, but not every 100th, except every 400th. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days of a month (1 to 12) in a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of a calendar date (1970-01-01 is 0). */
export function dayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date of a day number. */
export function civilDate(dayNum: number): CivilDate {
  const z = dayNum + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** The day number of a "YYYY-MM-DD" text, or null when it is not a real calendar date. */
export function parseDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumber({ year, month, day });
}

/** A day number as "YYYY-MM-DD"; throws past year 9999 rather than write a date nobody can parse back. */
export function formatDay(dayNum: number): string {
  if (!Number.isSafeInteger(dayNum) || dayNum < FIRST_DAY || dayNum > LAST_DAY) {
    throw new RangeError(`day ${dayNum} is outside 0001-01-01..9999-12-31`);
  }
  const { year, month, day } = civilDate(dayNum);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The weekday of a day number: 0 Sunday to 6 Saturday (1970-01-01 was a Thursday). */
export function weekday(dayNum: number): number {
  return (((dayNum + 4) % 7) + 7) % 7;
}

/** Months counted from year 0: year * 12 + (month - 1), so month arithmetic is integer addition. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

/**
 * The day `day` of the month at `index` (see monthIndex), or that month's last
 * day when it is shorter: the pinned month-end rule (31 → Feb 28 or 29, Apr 30).
 */
export function clampedDay(index: number, day: number): number {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return dayNumber({ year, month, day: Math.min(day, daysInMonth(year, month)) });
}
