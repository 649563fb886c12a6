// Card expiry dates. The API exchanges them as exp_date "MMYY".

/** A card expiry month; month is 1-12, year is four digits. */
export interface ExpDate {
  month: number;
  year: number;
}

const API_EXP_DATE = /^([0-9]{2})([0-9]{2})$/;
// What people type: "MM/YY", "M/YY", "MM/YYYY", " MM / YY ". Slash only; a
// bare "MMYY" is handled by API_EXP_DATE.
const TYPED_EXP_DATE = /^([0-9]{1,2})\s*\/\s*([0-9]{2}|[0-9]{4})$/;

/** Parses the API's exact four-digit "MMYY" (month 01-12, year 20YY), or null. */
export function parseExpDate(mmyy: string): ExpDate | null {
  const match = API_EXP_DATE.exec(mmyy);
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  return { month, year: 2000 + Number(match[2]) };
}

/** True once `now` is past the last day of the expiry month (UTC); a card is valid through its whole expiry month. */
export function isExpired(exp: ExpDate, now: Date): boolean {
  // Date.UTC months are zero-based, so passing the 1-based month yields the
  // first instant of the FOLLOWING month, which is when the card stops working.
  const firstInvalidInstant = Date.UTC(exp.year, exp.month, 1);
  return now.getTime() >= firstInvalidInstant;
}

/** What is wrong with an API exp_date ("MMYY") at `now`, or null when it is usable. */
export function expDateProblem(mmyy: string, now: Date): string | null {
  const exp = parseExpDate(mmyy);
  if (!exp) return "must be MMYY";
  return isExpired(exp, now) ? "the card has expired" : null;
}

/** Converts a typed expiry ("MM/YY", "MMYY", "MM/YYYY", "M/YY", spaces around "/") to "MMYY", or null. */
export function normalizeExpiryInput(input: string): string | null {
  const trimmed = input.trim();
  const match = API_EXP_DATE.exec(trimmed) ?? TYPED_EXP_DATE.exec(trimmed);
  if (!match) return null;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return null;
  const yearText = match[2] ?? "";
  // MMYY can only express 2000-2099, so a four-digit year outside it is unrepresentable.
  if (yearText.length === 4 && !yearText.startsWith("20")) return null;
  return String(month).padStart(2, "0") + yearText.slice(-2);
}
