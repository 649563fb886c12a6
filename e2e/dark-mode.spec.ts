// The hosted page in the customer's dark mode (prefers-color-scheme) and in
// light mode, for a merchant colour too light for white text and a dark one:
// axe finds no WCAG 2.2 AA violation in either scheme on the form, the form
// showing errors, a link that cannot be used and the card-saved page; the
// page's background follows the scheme, the button keeps the merchant's own
// colour, and the focus ring reaches 4.5:1 on the page's background.
import type { Page, TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createLink } from "./support/api";
import { expectAxeClean } from "./support/axe";
import { field, fillCard, saveButton } from "./support/card-page";
import { uniqueVisa } from "./support/cards";
import { expireLink } from "./support/database";
import { seedBrandedMerchant } from "./support/seed";
import { httpApiClient, type ApiClient } from "../tests/support/http-client";
import { contrastRatio, DARK_PAGE, LIGHT_PAGE, MIN_CONTRAST } from "@/lib/merchants/brand-color";

const SCHEMES = [
  ["light", LIGHT_PAGE],
  ["dark", DARK_PAGE],
] as const;

/** A computed CSS colour ("rgb(r, g, b)") as #rrggbb. */
const hex = (css: string) =>
  `#${(css.match(/\d+/g) ?? [])
    .slice(0, 3)
    .map((c) => Number(c).toString(16).padStart(2, "0"))
    .join("")}`;
const computed = (page: Page, selector: string, property: "backgroundColor" | "outlineColor" | "outlineStyle") =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el)[p], property);

/**
 * The page in each scheme: its background, axe, and where the page has them,
 * the button in the merchant's own colour and a focus ring readable on the background.
 */
async function expectReadableInBothSchemes(page: Page, testInfo: TestInfo, state: string, brand: string): Promise<void> {
  for (const [scheme, background] of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(hex(await computed(page, "body", "backgroundColor")), `the ${scheme} page's background`).toBe(background);
    await expectAxeClean(page, testInfo, `${state}, ${scheme}`);
    if ((await page.locator("form button").count()) > 0) {
      expect(hex(await computed(page, "form button", "backgroundColor")), `the ${scheme} page's button keeps the merchant's colour`).toBe(brand);
    }
    if ((await page.locator("#card_number").count()) > 0) {
      await field(page, "number").focus();
      expect(await computed(page, "#card_number", "outlineStyle"), "the focused field shows a ring").not.toBe("none");
      const ring = hex(await computed(page, "#card_number", "outlineColor"));
      expect(contrastRatio(ring, background), `the focus ring ${ring} on the ${scheme} page`).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  }
}

for (const [kind, brand] of [
  ["light", "#ffd400"],
  ["dark", "#1e3a8a"],
] as const) {
  test.describe(`a ${kind} merchant colour (${brand})`, () => {
    let api: ApiClient;
    test.beforeAll(async ({ vault }) => {
      const merchant = await seedBrandedMerchant(vault, { displayName: `Dusk ${kind} ${Date.now().toString(36)}`, primaryColor: brand });
      api = httpApiClient(vault.baseUrl, merchant.api_key);
    });

    test("the fresh form", async ({ page }, testInfo) => {
      const link = await createLink(api);
      await page.goto(link.link);
      await expect(saveButton(page)).toBeVisible();
      await expectReadableInBothSchemes(page, testInfo, "fresh form", brand);
    });

    test("the form showing errors", async ({ page }, testInfo) => {
      const link = await createLink(api);
      await page.goto(link.link);
      await saveButton(page).click();
      await expect(field(page, "number")).toHaveAttribute("aria-invalid", "true");
      await expectReadableInBothSchemes(page, testInfo, "form with errors", brand);
    });

    test("a link that cannot be used", async ({ page, vault }, testInfo) => {
      const link = await createLink(api);
      await expireLink(vault, link.checkoutId);
      await page.goto(link.link);
      await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
      await expectReadableInBothSchemes(page, testInfo, "expired link", brand);
    });

    test("the card-saved page", async ({ page }, testInfo) => {
      const link = await createLink(api);
      await page.goto(link.link);
      await fillCard(page, { number: uniqueVisa() });
      await saveButton(page).click();
      await expect(page.getByRole("heading", { name: "Card saved" })).toBeVisible();
      await expectReadableInBothSchemes(page, testInfo, "card saved", brand);
    });
  });
}
