// The embedded card form in Chromium, framed by a shop page on a second
// origin: the card goes in, the token comes out by postMessage to the shop,
// and the shop's server attaches it; with a key made with an amount, the
// card is charged first and the token's message carries the pg_id. The
// frame follows the form's height by its resize messages, sent only to the
// registered origins; a compact key leaves out the logo and heading. A page
// on an origin the merchant did not register cannot frame the form at all
// (and the log says which origin tried), and the form opened on its own
// says where it belongs.
import { readFileSync, writeFileSync } from "node:fs";
import type { Frame, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { customerCards } from "./support/api";
import { errorSummary, fillCard, saveButton } from "./support/card-page";
import { masked, uniqueCustomerId, uniqueVisa } from "./support/cards";
import { expectAxeClean } from "./support/axe";
import { startShopPage } from "./support/merchant-site";
import { runCli } from "../tests/support/cli";
import { httpApiClient, type ApiClient } from "../tests/support/http-client";
import type { VaultInfo } from "./support/vaults";

const cli = (vault: VaultInfo, args: string[]) => runCli(args, { DATABASE_URL: vault.databaseUrl, VAULT_KEYS_FILE: vault.keysFile });
const startShop = (vault: VaultInfo, frameUrl: () => string) => startShopPage(vault.baseUrl, frameUrl);

/** A merchant of its own (the demo merchant's origins and branding are every test's): its API client. */
function newMerchant(vault: VaultInfo, name: string, origins: string[], logo?: string): ApiClient {
  const created = cli(vault, ["merchant", "create", "--name", name, "--json"]) as { merchant_id: number; api_key: string };
  const id = String(created.merchant_id);
  if (origins.length > 0) cli(vault, ["merchant", "origins", "--merchant", id, "--add", origins.join(","), "--json"]);
  if (logo) cli(vault, ["merchant", "brand", "--merchant", id, "--logo", logo, "--json"]);
  return httpApiClient(vault.baseUrl, created.api_key);
}

/** The vault's frame in the shop's page. */
async function vaultFrame(page: Page): Promise<Frame> {
  const frame = await (await page.locator('iframe[title="Card details"]').elementHandle())?.contentFrame();
  if (!frame) throw new Error("the shop's page has no frame");
  return frame;
}

type Received = { origin: string; data: Record<string, unknown> };
/** Every message the shop's page received so far. */
const receivedBy = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);
const tokensIn = (received: Received[]) => received.filter((message) => message.data.type === "customer-vault:card_token");

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

test("a registered shop frames the form, receives the token by postMessage, and attaches it", async ({ page, api, vault }) => {
  let frameUrl = "";
  const shop = await startShop(vault, () => frameUrl);
  try {
    cli(vault, ["merchant", "origins", "--merchant", String(vault.merchant.merchant_id), "--add", shop.origin, "--json"]);
    frameUrl = `${vault.baseUrl}/embedded/${(await api.get("/embedded")).body.data.transient_key}`;
    await page.goto(shop.url);
    const frame = page.frameLocator('iframe[title="Card details"]');
    const number = uniqueVisa();
    await fillCard(frame, { number });
    await saveButton(frame).click();

    await expect.poll(async () => tokensIn(await receivedBy(page)).length).toBe(1);
    const all = await receivedBy(page);
    const [received] = tokensIn(all);
    expect(received!.origin).toBe(vault.baseUrl);
    expect(received!.data).toMatchObject({ type: "customer-vault:card_token", card_number: masked(number), card_type: "VS" });
    expect(JSON.stringify(all)).not.toContain(number);

    // The shop's server attaches the token to its customer.
    const customerId = uniqueCustomerId("EMB");
    expect((await api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Ada" })).status).toBe(200);
    expect((await api.post(`/vault/customer/${customerId}/billing`, { card_id: received!.data.card_id })).status).toBe(200);
    expect(await customerCards(api, customerId)).toMatchObject([{ card_id: received!.data.card_id, card_number: masked(number) }]);
  } finally {
    await shop.close();
  }
});

test("a key made with an amount shows it, charges the card, and the shop receives the token with the charge's pg_id", async ({ page, api, vault }) => {
  let frameUrl = "";
  const shop = await startShop(vault, () => frameUrl);
  try {
    cli(vault, ["merchant", "origins", "--merchant", String(vault.merchant.merchant_id), "--add", shop.origin, "--json"]);
    const key = await api.get("/embedded?amt_tran=18.75&purchase_id=INV-E2E");
    expect(key.body.data).toMatchObject({ amt_tran: 18.75, tran_currency: "840" });
    frameUrl = `${vault.baseUrl}/embedded/${key.body.data.transient_key}`;
    await page.goto(shop.url);
    const frame = page.frameLocator('iframe[title="Card details"]');
    await expect(frame.getByRole("heading", { name: "Pay $18.75" })).toBeVisible();
    const number = uniqueVisa();
    await fillCard(frame, { number });
    await frame.getByRole("button", { name: "Pay $18.75" }).click();
    await expect(frame.getByRole("status")).toContainText("Your payment of $18.75 was made");

    await expect.poll(async () => tokensIn(await receivedBy(page)).length).toBe(1);
    const all = await receivedBy(page);
    const [received] = tokensIn(all);
    expect(received!.origin).toBe(vault.baseUrl);
    expect(received!.data).toMatchObject({ type: "customer-vault:card_token", card_number: masked(number), amt_tran: 18.75 });
    const pgId = received!.data.pg_id as string;
    expect(pgId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(all)).not.toContain(number);

    // The shop's server finds the charge, on the token's card.
    const transaction = await api.get(`/transaction/${pgId}`);
    expect(transaction.status).toBe(200);
    expect(transaction.body.data).toMatchObject({
      tran_type: "sale",
      tran_status: "C",
      amt_tran: 18.75,
      card_id: received!.data.card_id,
      purchase_id: "INV-E2E",
    });
  } finally {
    await shop.close();
  }
});

test("a shop on an unregistered origin cannot frame the form, and the log names the origin", async ({ page, api, vault }) => {
  let frameUrl = "";
  const shop = await startShop(vault, () => frameUrl);
  try {
    const key = (await api.get("/embedded")).body.data.transient_key as string;
    frameUrl = `${vault.baseUrl}/embedded/${key}`;
    const refused = page.waitForEvent("console", (message) => /frame-ancestors/.test(message.text()));
    await page.goto(shop.url);
    await refused;
    await expect(page.frameLocator('iframe[title="Card details"]').getByLabel("Card number")).toHaveCount(0);

    // Chromium shows its own error page in the frame; the vault's log says why, for the merchant.
    const lineFor = () =>
      readFileSync(vault.logFile, "utf8")
        .split("\n")
        .find((line) => line.includes(`embedded form framed by ${shop.origin}`));
    await expect.poll(lineFor).toBeDefined();
    const line = JSON.parse(lineFor()!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "warn", origin: shop.origin, merchantId: vault.merchant.merchant_id });
    expect(line.msg).toMatch(/has not registered: the browser refuses to show it there \(CSP frame-ancestors\)/);
    expect(lineFor()).not.toContain(key);
  } finally {
    await shop.close();
  }
});

test("the frame follows the form's height as errors appear, and the form posts only to the registered origins", async ({ page, vault }) => {
  let frameUrl = "";
  const shop = await startShop(vault, () => frameUrl);
  try {
    const otherShop = "https://other-shop.example";
    const api = newMerchant(vault, "Resizing Shop", [shop.origin, otherShop]);
    frameUrl = `${vault.baseUrl}/embedded/${(await api.get("/embedded")).body.data.transient_key}`;
    // In the vault's frame, every postMessage to the parent is recorded with the origin it is addressed to.
    await page.addInitScript((vaultOrigin) => {
      if (location.origin !== vaultOrigin || window.parent === window) return;
      const parent = window.parent;
      const targets: string[] = [];
      Object.assign(window, { postedTo: targets });
      Object.defineProperty(window, "parent", {
        get: () => ({ postMessage: (data: unknown, target: string) => (targets.push(target), parent.postMessage(data, target)) }),
      });
    }, vault.baseUrl);
    await page.goto(shop.url);
    const frame = await vaultFrame(page);
    await expect(saveButton(frame)).toBeVisible();

    const frameHeight = () => page.locator('iframe[title="Card details"]').evaluate((element) => element.getBoundingClientRect().height);
    const formHeight = () => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const scrollsInside = () => frame.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
    // The shop made the frame 200 pixels tall; it now fits the form, with nothing to scroll inside.
    const first = await formHeight();
    expect(first).toBeGreaterThan(200);
    await expect.poll(frameHeight).toBe(first);
    expect(await scrollsInside()).toBe(false);

    // Sent empty: the errors make the form taller, and the frame follows.
    await saveButton(frame).click();
    await expect(errorSummary(frame)).toBeVisible();
    await expect.poll(formHeight).toBeGreaterThan(first);
    const grown = await formHeight();
    await expect.poll(frameHeight).toBe(grown);
    expect(await scrollsInside()).toBe(false);

    const received = await receivedBy(page);
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.every((m) => m.origin === vault.baseUrl && m.data.type === "customer-vault:resize")).toBe(true);
    expect(received.at(-1)!.data.height).toBe(grown);
    // Each message addressed to each registered origin in turn, never to "*": only a parent on one of them gets it.
    const targets = await frame.evaluate(() => (window as unknown as { postedTo: string[] }).postedTo);
    expect(new Set(targets)).toEqual(new Set([shop.origin, otherShop]));
  } finally {
    await shop.close();
  }
});

test("a compact key's form has no logo or merchant name, keeps its heading for screen readers, and passes axe", async ({ page, vault }, testInfo) => {
  let frameUrl = "";
  const shop = await startShop(vault, () => frameUrl);
  try {
    const logo = testInfo.outputPath("logo.png");
    writeFileSync(logo, PNG);
    const api = newMerchant(vault, "Compact Shop", [shop.origin], logo);

    // Without compact: the logo, the name and the heading show.
    frameUrl = `${vault.baseUrl}/embedded/${(await api.get("/embedded")).body.data.transient_key}`;
    await page.goto(shop.url);
    let frame = await vaultFrame(page);
    await expect(frame.locator("header img"), "the logo").toHaveCount(1);
    await expect(frame.getByText("Compact Shop")).toBeVisible();
    expect((await frame.getByRole("heading", { level: 1, name: "Add your card" }).boundingBox())!.height).toBeGreaterThan(10);

    frameUrl = `${vault.baseUrl}/embedded/${(await api.get("/embedded?compact=true")).body.data.transient_key}`;
    await page.goto(shop.url);
    frame = await vaultFrame(page);
    await expect(saveButton(frame)).toBeVisible();
    await expect(frame.locator("header img"), "no logo").toHaveCount(0);
    await expect(frame.getByText("Compact Shop")).toHaveCount(0);
    const heading = frame.getByRole("heading", { level: 1, name: "Add your card" });
    await expect(heading).toHaveCount(1);
    expect((await heading.boundingBox())!.height).toBeLessThanOrEqual(1);
    await expectAxeClean(page, testInfo, "compact embedded form");
  } finally {
    await shop.close();
  }
});

test("opened on its own, the form's link shows a page saying it belongs on the shop's site, and passes axe", async ({ page, api, vault }, testInfo) => {
  cli(vault, ["merchant", "origins", "--merchant", String(vault.merchant.merchant_id), "--add", `https://top-${Date.now()}.example`, "--json"]);
  await page.goto(`${vault.baseUrl}/embedded/${(await api.get("/embedded")).body.data.transient_key}`);
  await expect(page.getByRole("heading", { level: 1, name: `This card form belongs on ${vault.shopName}'s site` })).toBeVisible();
  await expect(page.getByText(`It is meant to be shown inside a page of ${vault.shopName}'s website`)).toBeVisible();
  await expect(page.getByLabel("Card number")).toHaveCount(0);
  await expectAxeClean(page, testInfo, "embedded form opened on its own");
});

test("the embedded form passes axe in the shop's frame", async ({ page, api, vault }, testInfo) => {
  let frameUrl = "";
  const shop = await startShop(vault, () => frameUrl);
  try {
    // Its own registration: without one the form explains that instead (regression: this test
    // passed only when another test had registered an origin first, as tests run in parallel).
    cli(vault, ["merchant", "origins", "--merchant", String(vault.merchant.merchant_id), "--add", shop.origin, "--json"]);
    frameUrl = `${vault.baseUrl}/embedded/${(await api.get("/embedded")).body.data.transient_key}`;
    await page.goto(shop.url);
    await expect(page.frameLocator('iframe[title="Card details"]').getByLabel("Card number")).toBeVisible();
    await expectAxeClean(page, testInfo, "embedded form");
  } finally {
    await shop.close();
  }
});
