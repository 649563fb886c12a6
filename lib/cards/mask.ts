// Display form of a card number. PCI DSS allows showing at most the first six
// and last four digits, so everything in between becomes "x".

const SHOWN_PREFIX = 6;
const SHOWN_SUFFIX = 4;
// Below this length first-six plus last-four would leave too little (or
// nothing) hidden, so such input is masked completely.
const MIN_PARTIAL_MASK_LENGTH = 12;

/** First six digits, one "x" per middle digit, last four digits: same length as the input. */
export function maskCardNumber(digits: string): string {
  // Never echo input we do not understand: it may be a PAN with separators.
  if (!/^[0-9]+$/.test(digits) || digits.length < MIN_PARTIAL_MASK_LENGTH) {
    return "x".repeat(digits.length);
  }
  const hidden = digits.length - SHOWN_PREFIX - SHOWN_SUFFIX;
  return digits.slice(0, SHOWN_PREFIX) + "x".repeat(hidden) + digits.slice(-SHOWN_SUFFIX);
}
