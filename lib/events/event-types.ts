// Event names. The vault emits VAULT_EVENT_TYPES today; a webhook may also
// subscribe to the reference's names for work still to come (account
// updater), so a merchant's existing subscription set is accepted
// as it is. Anything else is a 400.

/** Events the vault writes to the outbox (README: "Webhook events"). */
export const VAULT_EVENT_TYPES = [
  "checkout_vault_card_added",
  "checkout_vault_card_updated",
  "vault_customer_created",
  "vault_customer_updated",
  "vault_customer_deleted",
  "vault_card_created",
  "vault_card_updated",
  "vault_card_deleted",
  "transaction_approved",
  "transaction_declined",
  "transaction_refunded",
  "transaction_voided",
  "subscription_payment_success",
  "subscription_payment_failure",
  "subscription_complete",
  "subscription_suspended",
  "subscription_cancelled",
] as const;
export type VaultEventType = (typeof VAULT_EVENT_TYPES)[number];

/** Sent once to a new webhook only; nobody subscribes to it. */
export const VALIDATE_URL_EVENT = "validate_url";

/** The reference's events for account updater, not emitted yet. */
const REFERENCE_ONLY_EVENT_TYPES = ["account_updater_request_created", "account_updater_request_completed"] as const;

export const SUBSCRIBABLE_EVENT_TYPES: readonly string[] = [...VAULT_EVENT_TYPES, ...REFERENCE_ONLY_EVENT_TYPES];

export function isSubscribableEvent(name: string): boolean {
  return SUBSCRIBABLE_EVENT_TYPES.includes(name);
}
