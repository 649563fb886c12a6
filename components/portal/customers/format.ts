import { CARD_BRAND_NAMES } from "@/lib/cards/card-type";

// How the portal's customer pages write things (browser-safe).

/** The brand's name for the API's card_type code ("VS" → "Visa"). */
export function cardBrand(cardType: string): string {
  return (CARD_BRAND_NAMES as Record<string, string>)[cardType] ?? cardType;
}

/** MMYY as MM/YY. */
export function formatExpiry(expDate: string): string {
  return /^\d{4}$/.test(expDate) ? `${expDate.slice(0, 2)}/${expDate.slice(2)}` : expDate;
}

/** "Ada Lovelace", else the firm, else a dash. */
export function customerName(c: { firstName?: string | null; lastName?: string | null; firmName?: string | null }): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return name || c.firmName || "—";
}

/**
 * A field's message from the vault ("is required", "must be an email
 * address") as a sentence about the field: "First name is required".
 */
export function fieldMessage(label: string, rawMessage: string): string {
  const message = rawMessage.replace("customer_firm_name", "company");
  if (/^(is|must|cannot|at most|expected)\b/.test(message)) return `${label} ${message}.`;
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}
