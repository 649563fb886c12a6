import "#server-only";
import type { FieldErrors } from "../errors/api-error";
import type { AddBillingCardInput } from "../vault/schemas";
import { CARD_FIELDS, HostedCardFormSchema, REDISPLAYED_FIELDS, toCardInput, type HostedCardForm } from "./form-schemas";

/** What the card form shows: messages by field ("form" for the whole form) and what to fill in again. */
export type CardFormState = {
  errors: Record<string, string>;
  /** What the customer typed, to show again: never the card number or the security code. */
  values: Record<string, string>;
  attemptsLeft?: number;
};

/** What the vault did with a submitted card (the hosted page's captureCard, the embedded form's createCardToken). */
export type StoreOutcome<T> =
  | { kind: "done"; value: T }
  | { kind: "invalid"; errors: FieldErrors; attemptsLeft: number }
  /** A payment the card's bank declined: `message` says so in the customer's words. */
  | { kind: "declined"; message: string; attemptsLeft: number }
  | { kind: "throttled"; retryAfterSeconds: number };

/** Stores the card; with `rejected`, only counts a failed attempt (the form found those problems). */
export type StoreCard<T> = (input: AddBillingCardInput, rejected?: FieldErrors) => Promise<StoreOutcome<T>>;

// The vault's answers about a card, in the customer's words.
const VAULT_MESSAGES: Record<string, string> = {
  card_number: "Check the card number",
  exp_date: "Check the expiry date",
  cvv2: "Check the security code",
  billing_zip: "Check the billing ZIP or postal code",
};

/**
 * A card form's submit, with or without JavaScript: the form's schema first
 * (the same one the browser ran), then the vault. Problems in the card
 * fields count as a failed attempt, as the vault's own refusals do; a form
 * with other fields missing is only shown again.
 */
export async function submitCardForm<T>(
  raw: Record<string, string>,
  store: StoreCard<T>,
): Promise<{ kind: "done"; value: T } | { kind: "form"; state: CardFormState }> {
  const values = Object.fromEntries(REDISPLAYED_FIELDS.map((name) => [name, raw[name] ?? ""]));
  const parsed = HostedCardFormSchema.safeParse(raw);
  let errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    const onlyCardFields = Object.keys(errors).every((field) => (CARD_FIELDS as readonly string[]).includes(field));
    if (!onlyCardFields || !raw.card_number?.trim()) return { kind: "form", state: { errors, values } };
  }
  const input = toCardInput(parsed.success ? parsed.data : (raw as unknown as HostedCardForm));
  const outcome = await store(input, parsed.success ? undefined : errors);
  switch (outcome.kind) {
    case "done":
      return outcome;
    case "throttled": {
      const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
      return { kind: "form", state: { errors: { form: `Too many failed attempts from your network. Try again in ${minutes} minutes.` }, values } };
    }
    case "declined":
      return { kind: "form", state: { errors: { form: outcome.message }, values, attemptsLeft: outcome.attemptsLeft } };
    case "invalid":
      if (parsed.success) {
        errors = {};
        for (const field of Object.keys(outcome.errors)) {
          const key = field in VAULT_MESSAGES ? field : "form";
          errors[key] = VAULT_MESSAGES[key] ?? "Check your card details";
        }
      }
      return { kind: "form", state: { errors, values, attemptsLeft: outcome.attemptsLeft } };
  }
}
