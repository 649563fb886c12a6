// Publicly documented TEST card numbers (from processor sandbox docs) and a
// generator for synthetic ones. None of these belong to a real account; they
// exist so tests, fixtures and benchmarks never need a real PAN.

import { luhnCheckDigit } from "./luhn";
import type { CardType } from "./card-type";

/** Well-known public test numbers per brand, all within the API's 16-digit limit. */
export const TEST_CARD_NUMBERS: Readonly<Record<CardType, readonly string[]>> = {
  VS: ["4111111111111111", "4012888888881881", "4242424242424242", "4222222222222"],
  MC: ["5555555555554444", "5105105105105100", "5200828282828210", "2223003122003222"],
  AM: ["378282246310005", "371449635398431", "378734493671000"],
  // The 14-digit ones and 3056... are Diners Club, which the API reports as DS.
  DS: ["6011111111111117", "6011000990139424", "36227206271667", "30569309025904", "3056930009020004"],
  JC: ["3530111333300000", "3566002020360505", "3566111111111113"],
};

const MAX_CARD_LENGTH = 19;

/**
 * A Luhn-valid number of `length` digits starting with `prefix`, random digits
 * in between (from `rng`, which must return values in [0, 1)).
 */
export function generateTestCardNumber(prefix: string, length: number, rng: () => number = Math.random): string {
  if (!/^[0-9]*$/.test(prefix)) throw new TypeError("generateTestCardNumber: prefix must contain digits only");
  // One position is always reserved for the check digit.
  if (!Number.isInteger(length) || length <= prefix.length || length > MAX_CARD_LENGTH) {
    throw new RangeError(`generateTestCardNumber: length must be an integer from ${prefix.length + 1} to ${MAX_CARD_LENGTH}`);
  }
  let payload = prefix;
  while (payload.length < length - 1) {
    // min() guards against an rng that returns exactly 1.
    payload += String(Math.min(9, Math.floor(rng() * 10)));
  }
  return payload + String(luhnCheckDigit(payload));
}
