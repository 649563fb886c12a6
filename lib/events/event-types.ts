// Event names: every event of the reference the vault emits. A webhook may
// subscribe to any of them; anything else is a 400.

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
  "account_updater_request_created",
  "account_updater_request_completed",
] as const;
export type VaultEventType = (typeof VAULT_EVENT_TYPES)[number];

/** Sent once to a new webhook only; nobody subscribes to it. */
export const VALIDATE_URL_EVENT = "validate_url";

export const SUBSCRIBABLE_EVENT_TYPES: readonly string[] = VAULT_EVENT_TYPES;

export function isSubscribableEvent(name: string): boolean {
  return SUBSCRIBABLE_EVENT_TYPES.includes(name);
}
