// The Account Updater's answers, by the reference's reason codes. Only a
// match is billable (201 to 204); 201 and 202 change the card, 203 and 204
// hold it (docs/account-updater.md, "Answers").

export const REASON_CODES = ["000", "200", "201", "202", "203", "204", "206", "315", "320", "329"] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_TEXT: Record<ReasonCode, string> = {
  "000": "New card, or no answer",
  "200": "Valid account, no update",
  "201": "Expiration date updated",
  "202": "Account number updated",
  "203": "Account closed",
  "204": "Contact cardholder",
  "206": "No match",
  "315": "Invalid expiration date",
  "320": "Invalid account number",
  "329": "Invalid card type",
};

/** Merchants are billed for matches only. */
export function isBillable(code: string): boolean {
  return code === "201" || code === "202" || code === "203" || code === "204";
}

/** The answers that change the card's number or expiry. */
export function updatesCard(code: string): boolean {
  return code === "201" || code === "202";
}

/** The answers that put the card on hold: the network says charging it is pointless until someone looks. */
export function holdsCard(code: string): boolean {
  return code === "203" || code === "204";
}

export function isReasonCode(code: string): code is ReasonCode {
  return (REASON_CODES as readonly string[]).includes(code);
}
