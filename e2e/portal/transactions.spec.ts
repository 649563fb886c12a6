// Payments in the portal, in Chromium: "Charge" on a customer's card (an
// amount, a confirmation that repeats it), the transaction's page, partial
// and full refunds, a void, a capture of an auth, a decline said in the
// gateway's words, the Transactions list's search and filters, a payment
// link made from the new-link form, and the roles: a viewer reads but
// cannot charge, and the server refuses a forged request from one.
import { httpApiClient, type ApiClient } from "../../tests/support/http-client";
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { uniqueCustomerId } from "../support/cards";
import { pageAlert } from "../support/portal";
import { apiCustomer, auditRowsFor, expectNoFullNumbers, forgeRequest, signInAs } from "../support/portal-customers";

// Whole workflows (sign in, several pages and dialogs, API checks): more than the suite's 60 s on a busy machine.
test.describe.configure({ timeout: 150_000 });

const pgClient = (vault: { baseUrl: string; merchant: { api_key: string } }): ApiClient => httpApiClient(vault.baseUrl, vault.merchant.api_key, "/pg");

/** Opens the dialog behind `trigger`, types the amount and confirms with the button that repeats it. */
async function payInDialog(page: import("@playwright/test").Page, trigger: RegExp | string, amount: string, confirm: string) {
  await page.getByRole("button", { name: trigger }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/^Amount/).fill(amount);
  await dialog.getByRole("button", { name: confirm }).click();
  return dialog;
}

function pgIdOf(url: string): string {
  const found = /\/portal\/transactions\/([0-9a-f]{32})/.exec(url)?.[1];
  expect(found, `a transaction page: ${url}`).toBeTruthy();
  return found as string;
}

test("staff charge a stored card, refund part of it, then the rest; each step is a transaction, audited under the user", async ({
  page,
  vault,
  api,
}, testInfo) => {
  const user = await signInAs(page, vault, "staff");
  const { customerId, cards } = await apiCustomer(api, { first: "Katherine", last: "Johnson", cards: 1 });
  const card = cards[0]!;
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);

  const dialog = await payInDialog(page, `Charge card ending ${card.number.slice(-4)}`, "30", "Charge 30 USD");
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/portal\/transactions\/[0-9a-f]{32}\?done=charge$/);
  const saleId = pgIdOf(page.url());
  await expect(page.getByRole("status").filter({ hasText: "Card charged: approved." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sale of $30.00" })).toBeVisible();
  await expect(page.getByText("Captured (C)")).toBeVisible();
  await expectNoFullNumbers(page, [card.number]);

  const sale = await api.get(`/transaction/${saleId}`);
  expect(sale.body.data).toMatchObject({
    tran_type: "sale",
    tran_status: "C",
    amt_tran: 30,
    customer_id: customerId,
    card_id: card.cardId,
    tran_currency: "840",
  });
  expect(await auditRowsFor(vault, saleId)).toEqual([
    { actor: `user:${user.userId}`, action: "transaction.sale", targetType: "transaction", targetId: saleId },
  ]);

  // A partial refund: the field starts at what is left.
  await page.getByRole("button", { name: "Refund" }).click();
  await expect(page.getByRole("dialog").getByLabel(/^Amount/)).toHaveValue("30.00");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await payInDialog(page, "Refund", "12.50", "Refund 12.50 USD");
  await expect(page.getByRole("status").filter({ hasText: "Refunded: approved." })).toBeVisible();
  await expect(page.getByTestId("transaction-details")).toContainText("Refunded$12.50");
  await expect(page.getByTestId("follow-up")).toHaveCount(1);
  await expect(page.getByTestId("follow-up")).toContainText("refund");

  // More than is left is refused by the server, and the dialog says so and stays open.
  const refused = await payInDialog(page, "Refund", "20", "Refund 20 USD");
  await expect(refused.getByRole("alert")).toContainText("at most 17.5");
  await refused.getByLabel(/^Amount/).fill("17.50");
  await refused.getByRole("button", { name: "Refund 17.50 USD" }).click();
  await expect(page.getByTestId("follow-up")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Refund" })).toHaveCount(0);

  const refunded = await api.get(`/transaction/${saleId}`);
  expect(refunded.body.data).toMatchObject({
    amt_refunded: 30,
    follow_ups: [
      { tran_type: "refund", amt_tran: 12.5 },
      { tran_type: "refund", amt_tran: 17.5 },
    ],
  });
  await expectAxeClean(page, testInfo, "transaction page");
});

test("a declined charge says why and charges nothing; an approved one can be voided", async ({ page, vault, api }) => {
  await signInAs(page, vault, "admin");
  const { customerId, cards } = await apiCustomer(api, { cards: 1 });
  const ending = cards[0]!.number.slice(-4);
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);

  // The sandbox declines an amount ending in .05 (005).
  const dialog = await payInDialog(page, `Charge card ending ${ending}`, "10.05", "Charge 10.05 USD");
  await expect(dialog.getByRole("alert")).toContainText("Declined:");
  await expect(dialog.getByRole("alert")).toContainText("(code 005). Nothing was charged.");
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}$`));
  const declined = await api.get(`/transaction?filter=customer_id,EQUALS,${customerId}`);
  expect(declined.body.data).toMatchObject([{ tran_status: "D", amt_tran: 10.05 }]);

  // The same dialog, another amount: a new request, approved.
  await dialog.getByLabel(/^Amount/).fill("20");
  await dialog.getByRole("button", { name: "Charge 20 USD" }).click();
  await expect(page).toHaveURL(/\/portal\/transactions\/[0-9a-f]{32}\?done=charge$/);
  const saleId = pgIdOf(page.url());

  await page.getByRole("button", { name: "Void" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Void $20.00" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Voided: approved." })).toBeVisible();
  await expect(page.getByText("Voided (V)").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Void" })).toHaveCount(0);
  expect((await api.get(`/transaction/${saleId}`)).body.data).toMatchObject({ tran_status: "V", follow_ups: [{ tran_type: "void", rcode: "000" }] });
  const all = await api.get(`/transaction?filter=customer_id,EQUALS,${customerId}`);
  expect(all.body.data).toHaveLength(3);
});

test("an auth is captured from its page, for less than authorized, and then refunds at most what was captured", async ({ page, vault, api }) => {
  await signInAs(page, vault, "owner");
  const { customerId, cards } = await apiCustomer(api, { cards: 1 });
  const auth = await pgClient(vault).post("/auth", { merchant_id: 0, card_id: cards[0]!.cardId, customer_id: customerId, amt_tran: 10 });
  expect(auth.status, JSON.stringify(auth.body)).toBe(200);
  await page.goto(`${vault.baseUrl}/portal/transactions/${auth.body.pg_id}`);
  await expect(page.getByRole("heading", { name: "Auth of $10.00" })).toBeVisible();
  await expect(page.getByText("Authorized (A)")).toBeVisible();
  await expect(page.getByRole("button", { name: "Refund" })).toHaveCount(0);

  await payInDialog(page, "Capture", "8", "Capture 8 USD");
  await expect(page.getByRole("status").filter({ hasText: "Captured: approved." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Capture" })).toHaveCount(0);
  await page.getByRole("button", { name: "Refund" }).click();
  await expect(page.getByRole("dialog").getByLabel(/^Amount/)).toHaveValue("8.00");
});

test("the Transactions list finds by search, status, type and date, and opens one", async ({ page, vault, api }, testInfo) => {
  await signInAs(page, vault, "viewer");
  const { customerId, cards } = await apiCustomer(api, { cards: 1 });
  const pg = pgClient(vault);
  const reference = uniqueCustomerId("REF");
  const approved = await pg.post("/sale", { merchant_id: 0, card_id: cards[0]!.cardId, amt_tran: 5, merch_ref_num: reference });
  const declined = await pg.post("/sale", { merchant_id: 0, card_id: cards[0]!.cardId, amt_tran: 5.51, merch_ref_num: reference });
  expect([approved.status, declined.status]).toEqual([200, 402]);

  const rows = page.locator('[data-testid^="transaction-"]');
  await page.goto(`${vault.baseUrl}/portal/transactions`);
  await page.getByLabel("Search").fill(reference);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`q=${reference}`));

  await page.getByLabel("Status").selectOption("D");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId(`transaction-${declined.body.pg_id}`)).toContainText("Declined (D)");

  // Last four digits of the card find the customer's transactions; a date range from tomorrow finds none.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.goto(`${vault.baseUrl}/portal/transactions?q=${customerId}&type=sale`);
  await expect(rows).toHaveCount(2);
  await page.goto(`${vault.baseUrl}/portal/transactions?q=${customerId}&from=${tomorrow}`);
  await expect(page.getByText("No transactions match.")).toBeVisible();
  await page.goto(`${vault.baseUrl}/portal/transactions?q=${customerId}&from=not-a-date`);
  await expect(page.getByText("must be a date (YYYY-MM-DD)")).toBeVisible();

  await page.goto(`${vault.baseUrl}/portal/transactions?q=${reference}&status=C`);
  await expect(rows).toHaveCount(1);
  await page.getByTestId(`transaction-${approved.body.pg_id}`).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/portal/transactions/${approved.body.pg_id}$`));
  await expect(page.getByRole("heading", { name: "Sale of $5.00" })).toBeVisible();
  await page.goto(`${vault.baseUrl}/portal/transactions?q=${reference}`);
  await expectAxeClean(page, testInfo, "transactions list");
});

test("a viewer sees transactions but no payment actions, and the server refuses a forged charge or refund", async ({ page, vault, api }) => {
  await signInAs(page, vault, "viewer");
  const { customerId, cards } = await apiCustomer(api, { cards: 1 });
  const sale = await pgClient(vault).post("/sale", { merchant_id: 0, card_id: cards[0]!.cardId, amt_tran: 7 });
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);
  await expect(page.getByTestId("card")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /^Charge/ })).toHaveCount(0);
  await page.goto(`${vault.baseUrl}/portal/transactions/${sale.body.pg_id}`);
  await expect(page.getByRole("heading", { name: "Sale of $7.00" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Refund|Void/ })).toHaveCount(0);

  const key = "0".repeat(32);
  const charge = await forgeRequest(page, "POST", `/portal/api/customers/${customerId}/cards/${cards[0]!.cardId}/charge`, {
    amt_tran: "1",
    tran_currency: 840,
    request_key: key,
  });
  const refund = await forgeRequest(page, "POST", `/portal/api/transactions/${sale.body.pg_id}/refund`, { request_key: key });
  expect([charge.status, refund.status]).toEqual([403, 403]);
  const after = await api.get(`/transaction?filter=customer_id,EQUALS,${customerId}`);
  expect(after.body.data).toHaveLength(1);
});

test("a resent charge with the same request_key answers the first outcome and charges once; another merchant's pg_id is a 404", async ({
  page,
  vault,
  api,
}) => {
  await signInAs(page, vault, "staff");
  const { customerId, cards } = await apiCustomer(api, { cards: 1 });
  const path = `/portal/api/customers/${customerId}/cards/${cards[0]!.cardId}/charge`;
  const body = { amt_tran: "3.00", tran_currency: 840, request_key: "ab".repeat(16) };
  const first = await forgeRequest(page, "POST", path, body);
  const again = await forgeRequest(page, "POST", path, body);
  expect(first.status).toBe(200);
  expect(first.body.data).toMatchObject({ outcome: "approved", pg_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
  expect(again.body.data).toEqual(first.body.data);
  expect((await api.get(`/transaction?filter=customer_id,EQUALS,${customerId}`)).body.data).toHaveLength(1);

  const badAmount = await forgeRequest(page, "POST", path, { ...body, amt_tran: "1.234", request_key: "cd".repeat(16) });
  expect(badAmount.status).toBe(400);
  expect(badAmount.body.data).toMatchObject({ amt_tran: expect.any(String) });

  const unknown = await page.goto(`${vault.baseUrl}/portal/transactions/${"f".repeat(32)}`);
  expect(unknown?.status()).toBe(404);
});

test("staff make a payment link from the new-link form; its page asks for the amount", async ({ page, vault, api }) => {
  await signInAs(page, vault, "staff");
  const customerId = uniqueCustomerId("PL");
  await page.goto(`${vault.baseUrl}/portal/links/new`);
  await page.getByLabel("Customer ID").fill(customerId);
  await page.getByLabel("First name").fill("Dorothy");
  await page.getByLabel("Last name").fill("Vaughan");
  await page.getByLabel("Takes a payment (and saves the card)").check();
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByText("must be an amount such as 25 or 25.50")).toBeVisible();
  await page.getByLabel("Amount").fill("15");
  await page.getByLabel("Your reference (optional)").fill("ORDER-15");
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Payment link created." })).toBeVisible();
  const link = (await page.getByTestId("copy-value").textContent())!.trim();
  const checkoutId = link.split("/").at(-1)!;
  const checkout = await api.get(`/checkout/${checkoutId}`);
  expect(checkout.body.data).toMatchObject({ customer_id: customerId, amt_tran: 15, merch_ref_num: "ORDER-15", state: "open" });
  await page.goto(`${vault.baseUrl}/portal/links?customer=${customerId}`);
  await expect(page.getByTestId(`link-${checkoutId}`)).toContainText("takes a payment of $15.00");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Pay $15.00" })).toBeVisible();
  await expect(pageAlert(page)).toHaveCount(0);
});
