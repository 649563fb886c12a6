// Links that can no longer store a card: expired, already spent, unknown.
// With a failure_url the browser goes there with the link and the reason
// (signed like the success redirect); without one the customer reads that
// the link cannot be used. Nothing is stored either way.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createLink, customerCards, getCheckout } from "./support/api";
import { expectLanding, fillCard, saveButton } from "./support/card-page";
import { uniqueVisa } from "./support/cards";
import { expireLink, forgetAddressFailures } from "./support/database";

const cannotBeUsed = (page: Page) => page.getByRole("heading", { name: "This link cannot be used" });

test("an expired link sends the browser to the failure_url with reason=expired", async ({ page, api, vault, merchantSite }) => {
  const link = await createLink(api, { successUrl: merchantSite.url("/thanks"), failureUrl: merchantSite.url("/sorry", { cart: "77" }) });
  await expireLink(vault, link.checkoutId);
  await page.goto(link.link);
  await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/sorry", { cart: "77", checkout_id: link.checkoutId, reason: "expired" });
  expect(await getCheckout(api, link.checkoutId)).toMatchObject({ state: "expired" });
});

test("an expired link without a failure_url says it has expired", async ({ page, api, vault }) => {
  const link = await createLink(api);
  await expireLink(vault, link.checkoutId);
  await page.goto(link.link);
  await expect(cannotBeUsed(page)).toBeVisible();
  await expect(page.getByText(/expired/i)).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
});

test("a spent link, opened again, sends the browser to the failure_url with reason=spent", async ({ page, api, vault, merchantSite }) => {
  const link = await createLink(api, { successUrl: merchantSite.url("/thanks"), failureUrl: merchantSite.url("/sorry") });
  await page.goto(link.link);
  await fillCard(page, { number: uniqueVisa() });
  await saveButton(page).click();
  await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", { checkout_id: link.checkoutId });

  await page.goto(link.link);
  await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/sorry", { checkout_id: link.checkoutId, reason: "spent" });
  expect(await customerCards(api, link.customerId)).toHaveLength(1);
});

test("a spent link without a failure_url says it was already used", async ({ page, api }) => {
  const link = await createLink(api);
  await page.goto(link.link);
  await fillCard(page, { number: uniqueVisa() });
  await saveButton(page).click();
  await expect(page.getByRole("heading", { name: "Card saved" })).toBeVisible();

  await page.goto(link.link);
  await expect(cannotBeUsed(page)).toBeVisible();
  await expect(page.getByText(/already been used/i)).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
});

test("an unknown link is a 404 page saying it cannot be used", async ({ page, vault }) => {
  // Well-formed (32 lowercase hex) but never issued. An unknown link has no
  // merchant, hence no failure_url: it is always this page.
  const response = await page.goto(`${vault.baseUrl}/checkout/${"0123456789abcdef".repeat(2)}`);
  expect(response?.status()).toBe(404);
  await expect(cannotBeUsed(page)).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });
    // A post to an expired link counts as a failed submission of 127.0.0.1
    // (lib/checkout/capture-card.ts); start from none, see forgetAddressFailures.
    test.beforeEach(async ({ vault }) => forgetAddressFailures(vault));

    test("a link that expires while the form is open stores nothing and goes to the failure_url", async ({ page, api, vault, merchantSite }) => {
      const link = await createLink(api, { successUrl: merchantSite.url("/thanks"), failureUrl: merchantSite.url("/sorry") });
      await page.goto(link.link);
      await fillCard(page, { number: uniqueVisa() });
      await expireLink(vault, link.checkoutId);
      await saveButton(page).click();

      await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/sorry", { checkout_id: link.checkoutId, reason: "expired" });
      expect(await customerCards(api, link.customerId)).toEqual([]);
    });
  });
}
