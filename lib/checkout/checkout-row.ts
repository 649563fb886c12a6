import "#server-only";
import { getEnv } from "../env";
import { majorUnitsIn } from "../payments/amount";
import type { CheckoutResponse, CheckoutState, LinkState } from "./schemas";

export type CheckoutRow = {
  id: string;
  merchantId: bigint;
  cardId: string | null;
  successUrl: string | null;
  failureUrl: string | null;
  expiresAt: Date;
  state: string;
  failedAttempts: number;
  lockedAt: Date | null;
  resultCardId: string | null;
  spentAt: Date | null;
  createdAt: Date;
  amountMinor: bigint;
  currency: number;
  purchaseId: string | null;
  merchRefNum: string | null;
  locale: string | null;
  country: string | null;
  askAddress: boolean;
  customer: { customerId: string };
};

export const checkoutSelect = {
  id: true,
  merchantId: true,
  cardId: true,
  successUrl: true,
  failureUrl: true,
  expiresAt: true,
  state: true,
  failedAttempts: true,
  lockedAt: true,
  resultCardId: true,
  spentAt: true,
  createdAt: true,
  amountMinor: true,
  currency: true,
  purchaseId: true,
  merchRefNum: true,
  locale: true,
  country: true,
  askAddress: true,
  customer: { select: { customerId: true } },
} as const;

/** The absolute link a customer opens (PUBLIC_BASE_URL). */
export function checkoutLink(checkoutId: string): string {
  return `${getEnv().PUBLIC_BASE_URL}/checkout/${checkoutId}`;
}

/**
 * Open links past their expiry are expired; pending, spent and locked links
 * stay so. A cancelled link's expiry is the moment it was cancelled, so its
 * page and submits read it as expired.
 */
export function checkoutState(row: Pick<CheckoutRow, "state" | "expiresAt">, now = new Date()): CheckoutState {
  if (row.state === "spent" || row.state === "locked" || row.state === "pending") return row.state;
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "open";
}

/** The state the merchant sees: the page's, except that a link the merchant cancelled says so. */
export function linkState(row: Pick<CheckoutRow, "state" | "expiresAt">, now = new Date()): LinkState {
  return row.state === "cancelled" ? "cancelled" : checkoutState(row, now);
}

export function checkoutToResponse(row: CheckoutRow): CheckoutResponse {
  const cardId = row.resultCardId ?? row.cardId;
  return {
    checkout_id: row.id,
    checkout_link: checkoutLink(row.id),
    merchant_id: Number(row.merchantId),
    customer_id: row.customer.customerId,
    ...(cardId ? { card_id: cardId } : {}),
    state: linkState(row),
    failed_attempts: row.failedAttempts,
    expiry_time: row.expiresAt.toISOString(),
    db_timestamp: row.createdAt.toISOString(),
    ...(row.spentAt ? { spent_time: row.spentAt.toISOString() } : {}),
    ...(row.lockedAt ? { locked_time: row.lockedAt.toISOString() } : {}),
    ...(row.successUrl ? { success_url: row.successUrl } : {}),
    ...(row.failureUrl ? { failure_url: row.failureUrl } : {}),
    amt_tran: majorUnitsIn(row.amountMinor, row.currency),
    tran_currency: String(row.currency).padStart(3, "0"),
    ...(row.purchaseId ? { purchase_id: row.purchaseId } : {}),
    ...(row.merchRefNum ? { merch_ref_num: row.merchRefNum } : {}),
    ...(row.locale ? { locale: row.locale } : {}),
    ...(row.country ? { default_country: row.country } : {}),
    ...(row.askAddress ? { request_billing_address: true } : {}),
  };
}

/** A payment link: one with an amount to charge; a card-capture link has none. */
export function isPaymentLink(row: { amountMinor: bigint | number }): boolean {
  return BigInt(row.amountMinor) !== 0n;
}
