// WCAG 2.2 AA on every state of the hosted page (axe-core), completion by
// keyboard alone, and target sizes. axe is injected with page.evaluate,
// which the page's Content Security Policy does not govern: no bypassCSP.
import { devices, type Locator } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createLink } from "./support/api";
import { expectAxeClean } from "./support/axe";
import { addressToggle, expectLanding, field, fillCard, LABELS, openAddress, saveButton } from "./support/card-page";
import { futureExpiry, uniqueVisa } from "./support/cards";
import { expireLink } from "./support/database";

test.describe("axe finds no WCAG 2.2 AA violation", () => {
  test("on the fresh form", async ({ page, api }, testInfo) => {
    const link = await createLink(api);
    await page.goto(link.link);
    await expect(saveButton(page)).toBeVisible();
    await expectAxeClean(page, testInfo, "fresh form");
  });

  test("on the form showing errors", async ({ page, api }, testInfo) => {
    const link = await createLink(api);
    await page.goto(link.link);
    await saveButton(page).click();
    await expect(field(page, "number")).toHaveAttribute("aria-invalid", "true");
    await expectAxeClean(page, testInfo, "form with errors");
  });

  test("on the page of an expired link", async ({ page, api, vault }, testInfo) => {
    const link = await createLink(api);
    await expireLink(vault, link.checkoutId);
    await page.goto(link.link);
    await expect(page.getByText(/expired/i)).toBeVisible();
    await expectAxeClean(page, testInfo, "expired link");
  });

  test("on the 404 page of an unknown link", async ({ page, vault }, testInfo) => {
    const response = await page.goto(`${vault.baseUrl}/checkout/${"fedcba9876543210".repeat(2)}`);
    expect(response?.status()).toBe(404);
    await expectAxeClean(page, testInfo, "unknown link");
  });

  test("on the card-saved page", async ({ page, api }, testInfo) => {
    const link = await createLink(api);
    await page.goto(link.link);
    await fillCard(page, { number: uniqueVisa() });
    await saveButton(page).click();
    await expect(page.getByRole("heading", { name: "Card saved" })).toBeVisible();
    await expectAxeClean(page, testInfo, "card saved");
  });
  // The locked page is checked where a link gets locked: card-testing-lock.spec.ts.
});

test("the card can be saved with the keyboard alone: Tab through the fields, Enter to submit", async ({ page, api, vault, merchantSite }) => {
  const link = await createLink(api, { successUrl: merchantSite.url("/thanks") });
  await page.goto(link.link);
  await expect(saveButton(page)).toBeVisible();
  const typed: Partial<Record<keyof typeof LABELS, string>> = {
    number: uniqueVisa(),
    expiry: futureExpiry(),
    cvv: "123",
    zip: "94402",
    address: "1 Harbor Way",
    city: "San Mateo",
    state: "CA",
  };
  const focusShows = async (target: Locator, what: string) => {
    await expect(target, `Tab reaches ${what}`).toBeFocused();
    const indicator = await target.evaluate((el) => {
      const style = getComputedStyle(el);
      return style.outlineStyle !== "none" || style.boxShadow !== "none";
    });
    expect(indicator, `${what} shows where the focus is`).toBe(true);
  };
  // In page order; the name on card is prefilled and the country starts on
  // the United States, so both are passed over. "Add billing address" opens
  // with Enter, and its fields follow it.
  const order = ["number", "expiry", "cvv", "name", "country", "zip", "toggle", "address", "city", "state"] as const;
  for (const name of order) {
    await page.keyboard.press("Tab");
    if (name === "toggle") {
      await focusShows(addressToggle(page), "Add billing address");
      await page.keyboard.press("Enter");
      continue;
    }
    await focusShows(field(page, name), LABELS[name]);
    if (typed[name]) await page.keyboard.type(typed[name]);
  }
  await page.keyboard.press("Enter");
  await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", { checkout_id: link.checkoutId });
});

const { defaultBrowserType: _phoneBrowser, ...phone } = devices["Pixel 7"];
for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", phone.viewport],
] as const) {
  test(`every field and the button is a target of at least 24×24 CSS px (${name})`, async ({ page, api }) => {
    await page.setViewportSize(viewport);
    const link = await createLink(api);
    await page.goto(link.link);
    await openAddress(page);
    const targets = [...(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((n) => field(page, n)), addressToggle(page), saveButton(page)];
    for (const target of targets) {
      const box = await target.boundingBox();
      const label = (await target.getAttribute("name")) ?? "Save card";
      expect(box, `${label} is on the page`).not.toBeNull();
      expect(box!.width, `${label} width`).toBeGreaterThanOrEqual(24);
      expect(box!.height, `${label} height`).toBeGreaterThanOrEqual(24);
    }
  });
}
