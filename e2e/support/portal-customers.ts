// The portal's Customers area in the browser suite: customers made over the
// API (as a merchant's integration would), a signed-in user of a given role,
// the audit rows a change wrote, and requests forged with the page's own
// CSRF token (what a viewer's devtools could send).
import { expect, type Page } from "@playwright/test";
import type { ApiClient } from "../../tests/support/http-client";
import { futureExpiry, uniqueCustomerId, uniqueVisa } from "./cards";
import { querySql } from "./database";
import { createPortalUser, csrfOf, signIn, type PortalUser } from "./portal";
import type { VaultInfo } from "./vaults";

export type ApiCustomer = { customerId: string; cards: { cardId: string; number: string }[]; shippingIds: number[] };

/** A customer added with POST /platform/vault/customer, with `cards` new test cards and the given addresses. */
export async function apiCustomer(
  api: ApiClient,
  options: {
    customerId?: string;
    first?: string;
    last?: string;
    firm?: string;
    email?: string;
    cards?: number;
    addresses?: { first: string; last: string; city?: string }[];
  } = {},
): Promise<ApiCustomer> {
  const customerId = options.customerId ?? uniqueCustomerId("PC");
  const numbers = Array.from({ length: options.cards ?? 0 }, () => uniqueVisa());
  const response = await api.post("/vault/customer", {
    customer_id: customerId,
    customer_first_name: options.first ?? "Ada",
    customer_last_name: options.last ?? "Lovelace",
    ...(options.firm ? { customer_firm_name: options.firm } : {}),
    ...(options.email ? { customer_email: options.email } : {}),
    billing_cards: numbers.map((number) => ({ card_number: number, exp_date: futureExpiry().replace("/", ""), cvv2: "123", billing_zip: "94402" })),
    shipping_addresses: (options.addresses ?? []).map((a) => ({ shipping_first_name: a.first, shipping_last_name: a.last, shipping_city: a.city })),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const data = response.body.data;
  return {
    customerId,
    // The API answers cards in its own order: match them back to the numbers by their last four.
    cards: numbers.map((number) => ({
      number,
      cardId: data.billing_cards.find((c: { card_number: string }) => c.card_number.endsWith(number.slice(-4))).card_id,
    })),
    shippingIds: data.shipping_addresses.map((a: { shipping_id: number }) => a.shipping_id),
  };
}

/** GET /platform/vault/customer/{id}: the status and the customer. */
export async function apiGetCustomer(api: ApiClient, customerId: string): Promise<{ status: number; data: Record<string, any> }> {
  const response = await api.get(`/vault/customer/${customerId}`);
  return { status: response.status, data: response.body?.data };
}

/** A new user of the demo merchant with `role`, signed in on `page`. */
export async function signInAs(page: Page, vault: VaultInfo, role: string): Promise<PortalUser> {
  const user = await createPortalUser(vault, role);
  await signIn(page, vault, user);
  return user;
}

export type AuditRow = { actor: string; action: string; targetType: string; targetId: string };

/** The audit rows written about a target (of a type, e.g. "shipping_address", whose numeric ids other types share), oldest first. */
export function auditRowsFor(vault: VaultInfo, targetId: string, targetType?: string): Promise<AuditRow[]> {
  const typed = targetType !== undefined;
  return querySql<AuditRow>(
    vault,
    {
      sqlite: `SELECT "actor", "action", "targetType", "targetId" FROM "AuditLog" WHERE "merchantId" = ? AND "targetId" = ?${typed ? ` AND "targetType" = ?` : ""} ORDER BY "id"`,
      postgres: `SELECT "actor", "action", "targetType", "targetId" FROM "AuditLog" WHERE "merchantId" = $1 AND "targetId" = $2${typed ? ` AND "targetType" = $3` : ""} ORDER BY "id"`,
    },
    [vault.merchant.merchant_id, targetId, ...(typed ? [targetType] : [])],
  );
}

/** A request the page's own script could send: same origin, session cookie, the page's CSRF token. Answers the status and body. */
export async function forgeRequest(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const csrf = await csrfOf(page);
  expect(csrf, "the page carries a CSRF token").not.toBe("");
  return page.evaluate(
    async ({ method, path, body, csrf }) => {
      const response = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-vault-csrf": csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { method, path, body, csrf },
  );
}

/** Checks that none of the full card numbers appears anywhere in the page's HTML (the RSC payload included). */
export async function expectNoFullNumbers(page: Page, numbers: string[]): Promise<void> {
  const html = await page.content();
  for (const number of numbers) expect(html, "a full card number in the page").not.toContain(number);
}
