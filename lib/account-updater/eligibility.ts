import { parseExpDate } from "../cards/expiry";
import { civilDate } from "../billing/utc-date";

// Which cards the Account Updater may send (docs/account-updater.md,
// "Eligible cards"): the four networks with an updater programme, not on
// hold, not expired more than three years ago on the merchant's clock.

export const ELIGIBLE_CARD_TYPES = ["VS", "MC", "DS", "AM"] as const;

/** How long after its expiry month a card is still worth asking about. */
const STALE_YEARS = 3;

export type IneligibleReason = "card_type" | "expired" | "on_hold" | "replaced";

export const REJECT_REASONS: Record<IneligibleReason | "not_found", string> = {
  not_found: "Invalid card id. Card not found.",
  card_type: "Card type not supported by the Account Updater (Visa, Mastercard, Discover and American Express only).",
  expired: "Card expired more than 3 years ago.",
  on_hold: "Card is on Account Updater hold.",
  replaced: "Card was replaced by another card of the same customer.",
};

/** Why a card may not be sent on the merchant's day `today` (a UTC day number), or null when it may. */
export function ineligibleReason(
  card: { cardType: string; expDate: string; auHold?: boolean; replacedBy?: string | null },
  today: number,
): IneligibleReason | null {
  if (card.replacedBy) return "replaced";
  if (card.auHold) return "on_hold";
  if (!(ELIGIBLE_CARD_TYPES as readonly string[]).includes(card.cardType)) return "card_type";
  return isStale(card.expDate, today) ? "expired" : null;
}

/** True when the expiry month ended more than three years before `today`. */
export function isStale(expDate: string, today: number): boolean {
  const exp = parseExpDate(expDate);
  if (!exp) return true;
  const { year, month } = civilDate(today);
  // Months since the expiry month: a card expiring 12/23 is valid through December 2023 and stale from January 2027.
  return (year - exp.year) * 12 + (month - exp.month) > STALE_YEARS * 12;
}
