// Which property names hold secrets or cardholder data. Matching is by rule
// on the normalised name so new call sites are covered without anyone having
// to remember to add a redact path.

// The card security code under its usual names.
const SECURITY_CODE_NAMES = ["cvv", "cvv2", "cvc", "cvc2", "csc", "securitycode"];

// Names that are sensitive only as a whole word: "pan" must not catch
// "company" or "span", "pin" must not catch "shipping".
const EXACT = new Set([
  "pan",
  "encryptedpan",
  ...SECURITY_CODE_NAMES,
  "cardsecuritycode",
  "pin",
  "pinblock",
  "pwd",
  "auth",
  "kek",
  "dek",
  "track1",
  "track2",
  "trackdata",
  "cardswipe",
  "magstripe",
]);

// Fragments that make any name containing them sensitive (cardNumber,
// billing_card_number, x-api-key, set-cookie, webhookSigningSecret...).
const CONTAINS = [
  "cardnumber",
  "password",
  "passwd",
  "passphrase",
  "secret",
  "apikey",
  "authorization",
  "cookie",
  "credential",
  "keymaterial",
  "privatekey",
  "signingkey",
  "encryptionkey",
  "masterkey",
  "sessionid",
];

// Suffixes: accessToken, refresh_token, wrappedDek. Not "contains", so that
// "tokenCount" or "tokenized" stay readable.
const SUFFIXES = ["token", "kek", "dek"];

// Keys that mark an object as card-shaped; next to them a plain "number" is
// the card number (e.g. { number, exp_date, cvv2 }).
const CARD_CONTEXT = new Set([
  "exp",
  "expdate",
  "expiry",
  "expirydate",
  "expiration",
  "expirationdate",
  "expmonth",
  "expyear",
  "expirymonth",
  "expiryyear",
  "expirationmonth",
  "expirationyear",
  ...SECURITY_CODE_NAMES,
]);

/** Lower-cases a property name and drops "_", "-", "." and whitespace, so card_number, cardNumber and Card-Number compare equal. */
export function normalizeKeyName(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]/g, "");
}

/** True when a property with this name must never be logged, whatever its value. */
export function isSensitiveKey(name: string): boolean {
  const key = normalizeKeyName(name);
  if (EXACT.has(key)) return true;
  if (CONTAINS.some((fragment) => key.includes(fragment))) return true;
  return SUFFIXES.some((suffix) => key.endsWith(suffix));
}

/** True when this property name marks its object as card data (expiry or security code). */
export function isCardContextKey(name: string): boolean {
  return CARD_CONTEXT.has(normalizeKeyName(name));
}
