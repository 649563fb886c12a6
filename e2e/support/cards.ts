// Card numbers and expiry dates for the browser tests, made here (not taken
// from the vault's own lib/cards) so a bug there cannot hide in both places.
import { randomInt } from "node:crypto";

function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** A Luhn-valid 16-digit Visa number no other test uses. */
export function uniqueVisa(): string {
  let body = "4";
  while (body.length < 15) body += String(randomInt(10));
  return body + luhnCheckDigit(body);
}

/** The same number with its last digit changed: fails the Luhn check. */
export function breakLuhn(number: string): string {
  const last = Number(number.at(-1));
  return number.slice(0, -1) + String((last + 1) % 10);
}

/** How the API shows a number: first six, an x per hidden digit, last four. */
export function masked(number: string): string {
  return `${number.slice(0, 6)}${"x".repeat(number.length - 10)}${number.slice(-4)}`;
}

/** MM/YY of the month `monthsAhead` from now (-1: last month, an expired card). */
export function expiryInMonths(monthsAhead: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1));
  return `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCFullYear() % 100).padStart(2, "0")}`;
}

/** An expiry three years ahead, so tests don't expire with the calendar. */
export const futureExpiry = () => expiryInMonths(36);

/** A customer_id (letters and digits, at most 32) no other test uses. */
export function uniqueCustomerId(prefix = "E2E"): string {
  return `${prefix}${randomInt(2 ** 47).toString(36)}${randomInt(2 ** 47).toString(36)}`.slice(0, 32);
}
