// The hosted form's layout and its country in Chromium: the button shows
// without scrolling at desktop and phone sizes, expiry and security code
// share a row, the billing address waits behind "Add billing address", and
// the country decides the postal code's label, whether it is asked, and
// what is stored. axe runs on each state.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createLink, customerCards } from "./support/api";
import { expectAxeClean } from "./support/axe";
import { addressToggle, expectFieldError, field, fillCard, saveButton } from "./support/card-page";
import { uniqueVisa } from "./support/cards";

const SIZES = [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const;

/** The element lies wholly inside the first screen, without scrolling. */
async function expectAboveTheFold(page: Page, what: string, locator = saveButton(page)) {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${what} is on the page`).not.toBeNull();
  expect(box!.y + box!.height, `${what} ends above the fold (${viewport.height} px)`).toBeLessThanOrEqual(viewport.height);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

for (const [size, viewport] of SIZES) {
  test.describe(`at ${size} size`, () => {
    test.use({ viewport });

    test("the button shows without scrolling; expiry and security code share a row; the address waits behind its toggle", async ({ page, api }, testInfo) => {
      const link = await createLink(api);
      await page.goto(link.link);
      await expectAboveTheFold(page, "Save card");
      const [expiry, code] = [await field(page, "expiry").boundingBox(), await field(page, "cvv").boundingBox()];
      expect(Math.abs(expiry!.y - code!.y), "expiry and security code on one row").toBeLessThan(2);
      expect(code!.x).toBeGreaterThan(expiry!.x + expiry!.width);
      await expect(field(page, "address")).toBeHidden();
      await expectAxeClean(page, testInfo, `form, ${size}`);
      await addressToggle(page).click();
      for (const name of ["address", "city", "state"] as const) await expect(field(page, name)).toBeVisible();
      await expectAxeClean(page, testInfo, `form with address open, ${size}`);
    });

    test("a payment link's Pay button shows without scrolling, with the address asked for", async ({ page, api }) => {
      const link = await createLink(api, { amount: 12.34, preferences: { request_billing_address: true } });
      await page.goto(link.link);
      await expect(field(page, "address")).toBeVisible();
      await expectAboveTheFold(page, "Pay $12.34", page.getByRole("button", { name: "Pay $12.34" }));
    });
  });
}

test("the country decides the postal code: its name, its format, and none where there is none", async ({ page, api }, testInfo) => {
  const link = await createLink(api);
  await page.goto(link.link);
  await page.waitForLoadState("load");
  const country = page.getByLabel("Country");
  await expect(country).toHaveValue("US");
  await expect(page.getByLabel("ZIP code")).toBeVisible();

  await country.selectOption("CA");
  await expect(page.getByLabel("Postal code")).toBeVisible();
  await page.getByLabel("Postal code").fill("94402");
  await page.getByLabel("Postal code").blur();
  await expect(page.getByLabel("Postal code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Postal code")).toHaveAccessibleDescription(/Check the postal code/);
  await expectAxeClean(page, testInfo, "Canadian postal code refused");

  await country.selectOption("GB");
  await expect(page.getByLabel("Postcode")).toBeVisible();

  // The United Arab Emirates have no postal codes: the field goes, and the card is stored with none.
  await country.selectOption("AE");
  await expect(page.getByLabel(/ZIP code|Postcode|Postal code/)).toHaveCount(0);
  const number = uniqueVisa();
  await field(page, "number").fill(number);
  await field(page, "expiry").fill("12/40");
  await field(page, "cvv").fill("123");
  await saveButton(page).click();
  await expect(page.getByRole("heading", { name: "Card saved" })).toBeVisible();
  expect(await customerCards(api, link.customerId)).toMatchObject([{ billing_zip: "", billing_country_code: "784", billing_country: "United Arab Emirates" }]);
});

test.describe("after a round trip with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the summary has the focus and says the number and code were cleared; the code's hint fits the card sent", async ({ page, api }) => {
    const link = await createLink(api);
    await page.goto(link.link);
    await fillCard(page, { number: "378282246310005", cvv: "123" });
    await saveButton(page).click();
    await expectFieldError(page, "cvv", /4-digit security code/);
    const summary = page.getByRole("alert").filter({ hasText: /cleared/ });
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("For your safety, the card number and security code were cleared");
    await expect(field(page, "number")).toHaveValue("");
    await expect(page.locator("#cvv2-hint")).toHaveText("4 digits, on the front");
  });
});
