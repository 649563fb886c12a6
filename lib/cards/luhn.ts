// Luhn (mod 10) checksum, the check digit every payment card number ends with.
// It only catches typos; it says nothing about whether a card exists.

const ASCII_DIGITS = /^[0-9]+$/;

/** True when `digits` is a non-empty ASCII digit string whose Luhn checksum is valid. */
export function isLuhnValid(digits: string): boolean {
  if (!ASCII_DIGITS.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** The digit that, appended to the ASCII digit string `payload`, makes it Luhn-valid. */
export function luhnCheckDigit(payload: string): number {
  if (payload !== "" && !ASCII_DIGITS.test(payload)) {
    throw new TypeError("luhnCheckDigit: payload must contain digits only");
  }
  // The check digit will become the rightmost digit, so the payload's own
  // rightmost digit is the first one that gets doubled.
  return (10 - (luhnSum(payload, true) % 10)) % 10;
}

function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  let double = doubleRightmost;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}
