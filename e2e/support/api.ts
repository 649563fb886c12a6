// The merchant's server side of a test: checkout links and customers made
// and read through the vault's HTTP API, as a merchant's integration would.
import { expect } from "@playwright/test";
import type { ApiClient, ApiResponse } from "../../tests/support/http-client";
import { futureExpiry, uniqueCustomerId, uniqueVisa } from "./cards";

export const CUSTOMER = { first: "Grace", last: "Hopper" } as const;

export type Link = { checkoutId: string; link: string; customerId: string; expiryTime: string };

function expectOk(response: ApiResponse, what: string): void {
  expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBe(200);
}

/** POST /platform/checkout for a new customer (or the given one), with the given preferences. */
export async function createLink(
  api: ApiClient,
  options: {
    customerId?: string;
    cardId?: string;
    successUrl?: string;
    failureUrl?: string;
    expireInSecs?: number;
    amount?: number;
    /** More preferences: locale, default_country, request_billing_address. */
    preferences?: Record<string, unknown>;
  } = {},
): Promise<Link> {
  const customerId = options.customerId ?? uniqueCustomerId();
  const preferences: Record<string, unknown> = { expire_in_secs: options.expireInSecs ?? 900, ...options.preferences };
  if (options.successUrl) preferences.success_url = options.successUrl;
  if (options.failureUrl) preferences.failure_url = options.failureUrl;
  const response = await api.post("/checkout", {
    customer_id: customerId,
    customer_first_name: CUSTOMER.first,
    customer_last_name: CUSTOMER.last,
    ...(options.cardId ? { card_id: options.cardId } : {}),
    ...(options.amount ? { amt_tran: options.amount } : {}),
    preferences,
  });
  expectOk(response, "POST /checkout");
  const data = response.body.data;
  return { checkoutId: data.checkout_id, link: data.checkout_link, customerId, expiryTime: data.expiry_time };
}

/** GET /platform/checkout/{id}: state, failed_attempts, card_id once spent. */
export async function getCheckout(api: ApiClient, checkoutId: string): Promise<Record<string, any>> {
  const response = await api.get(`/checkout/${checkoutId}`);
  expectOk(response, `GET /checkout/${checkoutId}`);
  return response.body.data;
}

/** The customer's cards as the API shows them (GET /platform/vault/customer/{id}). */
export async function customerCards(api: ApiClient, customerId: string): Promise<Record<string, any>[]> {
  const response = await api.get(`/vault/customer/${customerId}`);
  expectOk(response, `GET /vault/customer/${customerId}`);
  return response.body.data.billing_cards ?? [];
}

/** A customer with one card added over the API; returns its ids and number. */
export async function customerWithCard(api: ApiClient): Promise<{ customerId: string; cardId: string; number: string }> {
  const customerId = uniqueCustomerId();
  const number = uniqueVisa();
  const mmyy = futureExpiry().replace("/", "");
  const response = await api.post("/vault/customer", {
    customer_id: customerId,
    customer_first_name: CUSTOMER.first,
    customer_last_name: CUSTOMER.last,
    billing_cards: [{ card_number: number, exp_date: mmyy, cvv2: "123", billing_zip: "94402" }],
  });
  expectOk(response, "POST /vault/customer");
  return { customerId, cardId: response.body.data.billing_cards[0].card_id, number };
}
