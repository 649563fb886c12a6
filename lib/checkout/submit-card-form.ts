import "#server-only";
import { minutesToWait, type FieldErrors } from "../errors/api-error";
import { messageKey, type MessageId, type MessageKey } from "../i18n/messages";
import type { AddBillingCardInput } from "../vault/schemas";
import { normalizeCardNumber } from "../cards/card-number";
import { normalizeExpiryInput } from "../cards/expiry";
import { DEFAULT_COUNTRY, hasPostalCode } from "./billing-country";
import { billingCountryFields, isCountryCode } from "./countries";
import { cardBrandOf } from "./card-brand";
import { CARD_FIELDS, HostedCardFormSchema, securityCodeLength, REDISPLAYED_FIELDS, type HostedCardForm } from "./form-schemas";

/** What the card form shows: messages by field ("form" for the whole form), as keys the page puts in its language, and what to fill in again. */
export type CardFormState = {
  errors: Record<string, MessageKey>;
  /** What the customer typed, to show again: never the card number or the security code. */
  values: Record<string, string>;
  attemptsLeft?: number;
  /** The customer had typed a number or code, which the page cleared (it never shows them again): it says so. */
  cleared?: boolean;
  /** The security code's length for the number that was cleared, so its hint still fits the card. */
  codeLength?: 3 | 4;
  /** The customer's network is over the failed-attempt limit: the form is disabled for this long. */
  retryAfterSeconds?: number;
};

/** What the vault did with a submitted card (the hosted page's captureCard, the embedded form's createCardToken). */
export type StoreOutcome<T> =
  | { kind: "done"; value: T }
  | { kind: "invalid"; errors: FieldErrors; attemptsLeft: number }
  /** A payment the card's bank declined: `message` says so in the customer's words. */
  | { kind: "declined"; message: MessageId; attemptsLeft: number }
  | { kind: "throttled"; retryAfterSeconds: number };

/** Stores the card; with `rejected`, only counts a failed attempt (the form found those problems). */
export type StoreCard<T> = (input: AddBillingCardInput, rejected?: FieldErrors) => Promise<StoreOutcome<T>>;

// The vault's answers about a card, in the customer's words.
const VAULT_MESSAGES: Record<string, MessageId> = {
  card_number: "vault.card_number",
  exp_date: "vault.exp_date",
  cvv2: "vault.cvv2",
  billing_zip: "vault.billing_zip",
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
  const number = raw.card_number?.trim() ?? "";
  const cleared = number !== "" || Boolean(raw.cvv2?.trim());
  const shown = { values, ...(cleared ? { cleared } : {}), ...(cardBrandOf(number) ? { codeLength: securityCodeLength(number) } : {}) };
  const parsed = HostedCardFormSchema.safeParse(raw);
  let errors: Record<string, MessageKey> = {};
  if (parsed.success && parsed.data.country && !isCountryCode(parsed.data.country)) errors.country = "error.country";
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message as MessageKey;
  }
  if (!parsed.success || errors.country) {
    const onlyCardFields = Object.keys(errors).every((field) => (CARD_FIELDS as readonly string[]).includes(field));
    if (!onlyCardFields || !number) return { kind: "form", state: { errors, ...shown } };
  }
  const valid = parsed.success && !errors.country;
  const input = toCardInput(valid ? parsed.data : (raw as unknown as HostedCardForm));
  const outcome = await store(input, valid ? undefined : errors);
  switch (outcome.kind) {
    case "done":
      return outcome;
    case "throttled":
      return { kind: "form", state: throttledState(outcome.retryAfterSeconds, shown) };
    case "declined":
      return { kind: "form", state: { errors: { form: outcome.message }, ...shown, attemptsLeft: outcome.attemptsLeft } };
    case "invalid":
      if (valid) {
        errors = {};
        for (const field of Object.keys(outcome.errors)) {
          const key = field in VAULT_MESSAGES ? field : "form";
          errors[key] = VAULT_MESSAGES[key] ?? "vault.form";
        }
      }
      return { kind: "form", state: { errors, ...shown, attemptsLeft: outcome.attemptsLeft } };
  }
}

/** The form while the customer's network is over the failed-attempt limit: disabled, saying when to try again. */
export function throttledState(retryAfterSeconds: number, shown: Omit<CardFormState, "errors"> = { values: {} }): CardFormState {
  return { ...shown, errors: { form: messageKey("form.throttled", { minutes: minutesToWait(retryAfterSeconds) }) }, retryAfterSeconds };
}

/**
 * The form as the vault's card input: number digits, MMYY, the name split at
 * its last space, and the country as the API's billing_country_code and
 * billing_country. A country without postal codes stores an empty
 * billing_zip (the API's field is required; the customer had none to give).
 */
export function toCardInput(form: HostedCardForm): AddBillingCardInput {
  const name = form.cardholder_name ?? "";
  const split = name.lastIndexOf(" ");
  const country = form.country || DEFAULT_COUNTRY;
  return {
    card_number: normalizeCardNumber(form.card_number) ?? form.card_number,
    exp_date: normalizeExpiryInput(form.exp_date) ?? form.exp_date,
    cvv2: form.cvv2,
    billing_zip: hasPostalCode(country) ? (form.billing_zip ?? "") : "",
    billing_first_name: (split > 0 ? name.slice(0, split) : name).slice(0, 32) || undefined,
    billing_last_name: split > 0 ? name.slice(split + 1).slice(0, 32) : undefined,
    billing_addr1: form.billing_addr1 || undefined,
    billing_city: form.billing_city || undefined,
    billing_state: form.billing_state || undefined,
    ...(isCountryCode(country) ? billingCountryFields(country) : {}),
  };
}
