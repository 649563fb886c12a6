// The README's portal tour: screenshots of the main pages, taken by this
// test from a real run (a merchant of its own, customers, a link and
// payments made over the API, an owner signed in). Both databases take them and check
// each page fits its screen; the SQLite run also writes them to
// docs/portal/, where the README shows them.
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { devices, type Page, type TestInfo } from "@playwright/test";
import { test, expect } from "../support/fixtures";
import { httpApiClient } from "../../tests/support/http-client";
import { createLink } from "../support/api";
import { moveSandboxClock, seedSubscription } from "../support/billing";
import { apiCustomer } from "../support/portal-customers";
import { signIn } from "../support/portal";
import { settingsMerchant } from "../support/portal-settings";

test.describe.configure({ timeout: 180_000 });

const TOUR_DIR = join(process.cwd(), "docs", "portal");

async function shoot(page: Page, testInfo: TestInfo, database: string, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: "image/png" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: the page is wider than the screen`).toBeLessThanOrEqual(0);
  if (database === "sqlite") {
    mkdirSync(TOUR_DIR, { recursive: true });
    copyFileSync(path, join(TOUR_DIR, `${name}.png`));
  }
}

test("the portal tour, on a desktop", async ({ page, vault, database }, testInfo) => {
  const shop = await settingsMerchant(vault, "Harbor Books");
  await apiCustomer(shop.api, {
    customerId: "HB1001",
    first: "Grace",
    last: "Hopper",
    email: "grace@example.com",
    cards: 2,
    addresses: [{ first: "Grace", last: "Hopper", city: "Arlington" }],
  });
  const alan = await apiCustomer(shop.api, { customerId: "HB1002", first: "Alan", last: "Turing", email: "alan@example.com", cards: 1 });
  await apiCustomer(shop.api, { customerId: "HB1003", firm: "Lovelace Analytics", first: "Ada", last: "Lovelace", email: "ada@example.com", cards: 1 });
  await createLink(shop.api, { customerId: "HB1002" });
  // A few payments on Alan's card: a sale refunded in part, a decline (the sandbox's .51 cents) and an auth.
  const pg = httpApiClient(vault.baseUrl, shop.apiKey, "/pg");
  const card = { merchant_id: 0, card_id: alan.cards[0]!.cardId, customer_id: "HB1002" };
  const sale = await pg.post("/sale", { ...card, amt_tran: 120, merch_ref_num: "ORDER-5521" });
  await pg.post("/refund/" + sale.body.pg_id, { merchant_id: 0, amt_tran: 20 });
  await pg.post("/sale", { ...card, amt_tran: 35.51, merch_ref_num: "ORDER-5522" });
  await pg.post("/auth", { ...card, amt_tran: 64.9, merch_ref_num: "ORDER-5523" });

  await page.goto(`${vault.baseUrl}/portal`);
  await shoot(page, testInfo, database, "01-sign-in");
  await signIn(page, vault, shop.owner);
  await expect(page.getByRole("link", { name: "HB1001" }).or(page.getByText("Grace Hopper"))).toBeVisible();
  await shoot(page, testInfo, database, "02-customers");
  await page.goto(`${vault.baseUrl}/portal/customers/HB1001`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await shoot(page, testInfo, database, "03-customer");
  await page.goto(`${vault.baseUrl}/portal/links`);
  await expect(page.getByRole("heading", { name: "Checkout links" })).toBeVisible();
  await shoot(page, testInfo, database, "04-links");
  await page.goto(`${vault.baseUrl}/portal/settings/branding`);
  await expect(page.getByRole("heading", { name: "Branding", level: 1 })).toBeVisible();
  await shoot(page, testInfo, database, "05-branding");
  await page.goto(`${vault.baseUrl}/portal/settings/api-keys`);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await shoot(page, testInfo, database, "06-api-keys");
  await page.goto(`${vault.baseUrl}/portal/audit`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await shoot(page, testInfo, database, "07-audit-log");
  await page.goto(`${vault.baseUrl}/portal/transactions`);
  await expect(page.getByRole("heading", { name: "Transactions", level: 1 })).toBeVisible();
  await shoot(page, testInfo, database, "10-transactions");
  await page.goto(`${vault.baseUrl}/portal/transactions/${sale.body.pg_id}`);
  await expect(page.getByRole("heading", { name: "Sale of $120.00" })).toBeVisible();
  await shoot(page, testInfo, database, "11-transaction");

  // Billing last: moving the shop's sandbox clock bills a month of Alan's subscription (and moves its dates for good).
  const plan = await shop.api.post("/plan", {
    plan_code: "READER",
    plan_name: "Reader's club",
    plan_desc: "A book a month",
    plan_frequency: 3,
    plan_duration: 12,
    amt_tran: 14.99,
    amt_setup: 5,
  });
  const subscriptionId = await seedSubscription(vault, shop.merchantId, "HB1002", { planId: plan.body.data.plan_id });
  await seedSubscription(vault, shop.merchantId, "HB1001", { planId: plan.body.data.plan_id, status: "P" });
  await moveSandboxClock(vault, shop.merchantId, { advance_days: 40 });
  await page.goto(`${vault.baseUrl}/portal/plans/READER`);
  await expect(page.getByRole("heading", { name: "Reader's club", level: 1 })).toBeVisible();
  await shoot(page, testInfo, database, "12-plan");
  await page.goto(`${vault.baseUrl}/portal/subscriptions/${subscriptionId}`);
  await expect(page.getByTestId("ledger-row")).toHaveCount(2);
  // Its charges to come and its ledger, rather than the terms above them.
  await page.getByRole("heading", { name: "Next charges" }).evaluate((heading) => heading.closest("section")?.scrollIntoView());
  await shoot(page, testInfo, database, "13-subscription");
});

const { defaultBrowserType: _phoneBrowser, ...pixel7 } = devices["Pixel 7"];

test.describe("on a phone", () => {
  test.use(pixel7);

  test("the customers list and a customer's page fit a phone's screen", async ({ page, vault, database }, testInfo) => {
    const shop = await settingsMerchant(vault, "Harbor Books Mobile");
    await apiCustomer(shop.api, { customerId: "HB2001", first: "Grace", last: "Hopper", email: "grace@example.com", cards: 1 });
    await signIn(page, vault, shop.owner);
    await shoot(page, testInfo, database, "08-customers-phone");
    await page.goto(`${vault.baseUrl}/portal/customers/HB2001`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await shoot(page, testInfo, database, "09-customer-phone");
  });
});
