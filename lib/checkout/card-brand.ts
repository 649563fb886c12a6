import { cardTypeFromPrefix, validLengthsFor } from "../cards/card-type";

// The brand the hosted page shows for a number as it is typed: the card's
// own network, as printed on it. The API's card_type (lib/cards/card-type.ts)
// files Diners Club under Discover's DS code, since Discover runs that
// network, and knows UnionPay only through the Discover-accepted range; a
// customer holding a Diners Club or UnionPay card still expects to see its
// name and mark. This is for the page only: the vault stores the API's code.

export const CARD_BRANDS = ["visa", "mastercard", "amex", "discover", "diners", "jcb", "unionpay"] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

/** Each brand's name as the page shows and announces it. */
export const CARD_BRAND_LABELS: Record<CardBrand, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
};

// The most digits any card has; an unknown prefix is allowed this many.
const LONGEST_CARD = 19;
const ISSUER_ID_DIGITS = 6;
const BRAND_OF_TYPE = { VS: "visa", MC: "mastercard", AM: "amex", JC: "jcb", DS: "discover" } as const;

function digitsOf(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, "");
  return /^\d{1,19}$/.test(digits) ? digits : null;
}

/** The brand of a partly typed number (digits, spaces, dashes), or null while it is unclear or unknown. */
export function cardBrandOf(typed: string): CardBrand | null {
  const digits = digitsOf(typed);
  if (!digits) return null;
  // UnionPay issues from 62; the API knows part of that range as Discover.
  if (digits.startsWith("62")) return "unionpay";
  const type = cardTypeFromPrefix(digits.slice(0, ISSUER_ID_DIGITS));
  if (type === null) return null;
  // Discover's own ranges all start with 6; every DS prefix starting with 3 is Diners Club.
  if (type === "DS") return digits.startsWith("3") ? "diners" : digits === "6" ? null : "discover";
  return BRAND_OF_TYPE[type];
}

/** The most digits a number with these leading digits can have: its brand's longest, or 19 when the brand is unclear. */
export function longestNumberFor(digits: string): number {
  const type = cardTypeFromPrefix(digits.slice(0, ISSUER_ID_DIGITS));
  return type ? Math.max(...validLengthsFor(type)) : LONGEST_CARD;
}
