// Card brand detection from the issuer identification number (leading digits).
// Brands use the Customer Vault API's two-letter card_type codes.

/** The API's card_type codes: Visa, Mastercard, American Express, Discover, JCB. */
export type CardType = "VS" | "MC" | "AM" | "DS" | "JC";

/** Each brand's name as people read it, for the card pages and the portal. */
export const CARD_BRAND_NAMES: Record<CardType, string> = { VS: "Visa", MC: "Mastercard", AM: "American Express", DS: "Discover", JC: "JCB" };

/** An inclusive range of numeric prefixes that all have `digits` digits. */
interface PrefixRange {
  readonly lo: number;
  readonly hi: number;
  readonly digits: number;
}

/** One network segment: a brand, the prefixes it owns and the lengths it issues. */
interface BrandRule {
  readonly type: CardType;
  readonly prefixes: readonly PrefixRange[];
  readonly lengths: readonly number[];
}

function range(lo: string, hi: string = lo): PrefixRange {
  return { lo: Number(lo), hi: Number(hi), digits: lo.length };
}

function lengths(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

// Every prefix is at most six digits (the issuer identification number), so
// six leading digits always settle the brand; card-number.ts relies on that.
// Diners Club is a separate rule from Discover because it issues 14-digit
// numbers, but the API files it under DS since Discover acquired the network.
const RULES: readonly BrandRule[] = [
  { type: "VS", prefixes: [range("4")], lengths: [13, 16, 19] },
  { type: "MC", prefixes: [range("51", "55"), range("2221", "2720")], lengths: [16] },
  { type: "AM", prefixes: [range("34"), range("37")], lengths: [15] },
  {
    type: "DS",
    prefixes: [range("6011"), range("644", "649"), range("65"), range("622126", "622925")],
    lengths: lengths(16, 19),
  },
  { type: "DS", prefixes: [range("300", "305"), range("36"), range("38", "39")], lengths: lengths(14, 19) },
  { type: "JC", prefixes: [range("3528", "3589")], lengths: lengths(16, 19) },
];

const DIGITS_ONLY = /^[0-9]+$/;

/** Brand of a complete card number (digits only), or null if no brand issues that prefix at that length. */
export function detectCardType(digits: string): CardType | null {
  if (!DIGITS_ONLY.test(digits)) return null;
  const rule = RULES.find((r) => r.lengths.includes(digits.length) && r.prefixes.some((p) => prefixMayMatch(digits, p)));
  return rule?.type ?? null;
}

/**
 * Brand that an incomplete number (digits only, no separators) can still
 * become, or null when it is empty, matches nothing, or is still ambiguous
 * (e.g. "3" could be AM, DS or JC).
 */
export function cardTypeFromPrefix(partial: string): CardType | null {
  if (!DIGITS_ONLY.test(partial)) return null;
  const candidates = new Set<CardType>();
  for (const rule of RULES) {
    const roomLeft = rule.lengths.some((len) => len >= partial.length);
    if (roomLeft && rule.prefixes.some((p) => prefixMayMatch(partial, p))) candidates.add(rule.type);
  }
  if (candidates.size !== 1) return null;
  const [only] = candidates;
  return only ?? null;
}

/** Every length (ascending) that `type` issues; DS is the union of Discover and Diners lengths. */
export function validLengthsFor(type: CardType): number[] {
  const all = RULES.filter((r) => r.type === type).flatMap((r) => r.lengths);
  return [...new Set(all)].sort((a, b) => a - b);
}

// True if some number starting with `digits` has a prefix inside `p`. When
// `digits` is shorter than the prefix, compare the span of prefixes it could
// still grow into: "22" covers 2200-2299, which overlaps 2221-2720.
function prefixMayMatch(digits: string, p: PrefixRange): boolean {
  if (digits.length >= p.digits) {
    const prefix = Number(digits.slice(0, p.digits));
    return prefix >= p.lo && prefix <= p.hi;
  }
  const scale = 10 ** (p.digits - digits.length);
  const min = Number(digits) * scale;
  const max = min + scale - 1;
  return min <= p.hi && max >= p.lo;
}
