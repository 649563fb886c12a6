// How the portal's billing pages write a plan's or a subscription's terms
// (browser-safe): "every 2 weeks", "12 cycles", "on the 15th".
import { FREQUENCY } from "@/lib/billing/plan-schedule";

const UNITS: Record<number, [one: string, many: string]> = {
  [FREQUENCY.daily]: ["day", "days"],
  [FREQUENCY.weekly]: ["week", "weeks"],
  [FREQUENCY.monthly]: ["month", "months"],
};
const FIXED: Record<number, string> = {
  [FREQUENCY.biWeekly]: "every 2 weeks",
  [FREQUENCY.quarterly]: "every 3 months",
  [FREQUENCY.biAnnually]: "every 6 months",
  [FREQUENCY.annually]: "every year",
};

/** How often a plan bills: "every month", "every 2 weeks". */
export function frequencyWords(frequency: number, interval: number): string {
  if (FIXED[frequency]) return FIXED[frequency];
  const unit = UNITS[frequency];
  if (!unit) return `frequency ${frequency}`;
  return interval === 1 ? `every ${unit[0]}` : `every ${interval} ${unit[1]}`;
}

/** The plan_frequency choices, as the plan form lists them. */
export const FREQUENCY_CHOICES: [code: number, words: string][] = [
  [FREQUENCY.daily, "Daily"],
  [FREQUENCY.weekly, "Weekly"],
  [FREQUENCY.biWeekly, "Every 2 weeks"],
  [FREQUENCY.monthly, "Monthly"],
  [FREQUENCY.quarterly, "Quarterly"],
  [FREQUENCY.biAnnually, "Every 6 months"],
  [FREQUENCY.annually, "Yearly"],
];

/** How many recurring cycles: "12 cycles", "until cancelled". */
export function durationWords(duration: number): string {
  return duration === -1 ? "until cancelled" : `${duration} ${duration === 1 ? "cycle" : "cycles"}`;
}

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** The day of the month as the form and the pages say it: "the 15th", and 32 "the last day". */
export function dayOfMonthWords(day: number): string {
  return day === 32 ? "the last day" : `the ${ordinal(day)}`;
}

/** Which day a plan bills on, when it bills on a specific one: "on Fridays", "on the 15th", "on July the 1st"; null otherwise. */
export function billingDayWords(terms: { billSpecificDay: boolean; dayOfWeek: number | null; dayOfMonth: number | null; month: number | null }): string | null {
  if (!terms.billSpecificDay) return null;
  if (terms.dayOfWeek !== null) return `on ${WEEKDAYS[terms.dayOfWeek - 1]}s`;
  if (terms.dayOfMonth === null) return null;
  return terms.month !== null
    ? `on ${MONTHS[terms.month - 1]} ${dayOfMonthWords(terms.dayOfMonth).replace("the ", "")}`
    : `on ${dayOfMonthWords(terms.dayOfMonth)}`;
}

/** A ledger row's cycle: "Setup fee", "Prorated payment", "Cycle 3". */
export function cycleWords(seq: number): string {
  if (seq === -1) return "Setup fee";
  if (seq === 0) return "Prorated payment";
  return `Cycle ${seq}`;
}

/** "YYYY-MM-DD" as "14 Jul 2024" (a UTC calendar day, as billing counts them). */
export function formatDate(day: string | null): string {
  if (!day) return "—";
  const [year, month, date] = day.split("-").map(Number);
  return `${date} ${MONTHS[(month ?? 1) - 1]?.slice(0, 3)} ${year}`;
}
