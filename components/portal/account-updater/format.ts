import { isReasonCode, REASON_TEXT } from "@/lib/account-updater/reason-codes";

// How the portal's Account Updater pages write a request's method, a card's
// answer and what was done with it (browser-safe).

const METHODS: Record<string, string> = {
  harvest_cust_vault: "Monthly harvest",
  harvest_card_vault: "Harvest of the card vault",
  harvest_card_id: "Cards by card_id",
  harvest_api: "Card numbers sent",
};

/** A request's method in words, with the API's name beside it: "Monthly harvest (harvest_cust_vault)". */
export function methodWords(method: string): string {
  return METHODS[method] ? `${METHODS[method]} (${method})` : method;
}

/** A reason code and its meaning: "202 Account number updated"; a request not yet answered says so. */
export function reasonWords(code: string | null): string {
  if (code === null) return "Awaiting the network's answer";
  return isReasonCode(code) ? `${code} ${REASON_TEXT[code]}` : code;
}

const APPLIED: Record<string, string> = {
  updated: "Card updated",
  held: "Card put on hold",
  replaced: "Card replaced by an older card of the customer",
  unchanged: "Nothing to change",
  skipped: "Not applied: the card changed or was deleted meanwhile",
};

/** What applying an answer did to the vault card; a dash before it is applied. */
export function appliedWords(applied: string | null): string {
  if (applied === null) return "—";
  return APPLIED[applied] ?? applied;
}

/** Why a card is held: by the merchant, or by a network's answer. */
export function holdReasonWords(reason: string | null): string {
  if (reason === null || reason === "merchant") return "held by the merchant";
  return `held after the answer ${reasonWords(reason)}`;
}

/** A card history row that is not an answer: "Held by the merchant", "Released". */
export function historyEventWords(event: { kind: string; reason: string | null; otherCardId: string | null }): string {
  switch (event.kind) {
    case "hold":
      return `Put on hold: ${holdReasonWords(event.reason)}`;
    case "release":
      return "Released: sent again in harvests";
    case "replaced":
      return `Replaced: an update made it the same card as ${event.otherCardId ?? "an older card"}`;
    case "kept":
      return `Kept in place of ${event.otherCardId ?? "a newer card"}, which an update made the same card`;
    default:
      return event.kind;
  }
}
