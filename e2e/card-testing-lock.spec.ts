// The card-testing limit per link: five failed submissions lock it for
// good. A card tester runs no page JavaScript, so the form is posted the
// way a script would post it: with JavaScript off.
import { test, expect } from "./support/fixtures";
import { createLink, customerCards, getCheckout } from "./support/api";
import { expectAxeClean } from "./support/axe";
import { expectFieldError, fillCard, saveButton } from "./support/card-page";
import { breakLuhn, uniqueVisa } from "./support/cards";
import { forgetAddressFailures } from "./support/database";

test.use({ javaScriptEnabled: false });

// Five failures from 127.0.0.1 count towards the per-address limit of ten
// (lib/checkout/address-limit.ts); start from none, see forgetAddressFailures.
test.beforeEach(async ({ vault }) => forgetAddressFailures(vault));

test("five numbers failing the Luhn check lock the link, for the page and for the API", async ({ page, api, browser }, testInfo) => {
  const link = await createLink(api);
  await page.goto(link.link);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await fillCard(page, { number: breakLuhn(uniqueVisa()) });
    await saveButton(page).click();
    await expect.poll(async () => (await getCheckout(api, link.checkoutId)).failed_attempts).toBe(attempt);
    await expectFieldError(page, "number", /card number/i);
  }
  await fillCard(page, { number: breakLuhn(uniqueVisa()) });
  await saveButton(page).click();

  await expect(page.getByText(/locked/i)).toBeVisible();
  await expect(saveButton(page)).toHaveCount(0);
  expect(await getCheckout(api, link.checkoutId)).toMatchObject({ state: "locked", failed_attempts: 5, locked_time: expect.any(String) });

  // Opened again later, even with a good card in hand, the link stays locked.
  await page.goto(link.link);
  await expect(page.getByText(/locked/i)).toBeVisible();
  await expect(saveButton(page)).toHaveCount(0);
  expect(await customerCards(api, link.customerId)).toEqual([]);

  // The locked page, as a customer with JavaScript sees it, meets WCAG 2.2 AA.
  const withJavaScript = await browser.newContext({ javaScriptEnabled: true });
  const viewer = await withJavaScript.newPage();
  await viewer.goto(link.link);
  await expect(viewer.getByText(/locked/i)).toBeVisible();
  await expectAxeClean(viewer, testInfo, "locked");
  await withJavaScript.close();
});

test("a valid card still saves after a failed attempt below the limit", async ({ page, api }) => {
  const link = await createLink(api);
  await page.goto(link.link);
  await fillCard(page, { number: breakLuhn(uniqueVisa()) });
  await saveButton(page).click();
  await expectFieldError(page, "number", /card number/i);

  await fillCard(page, { number: uniqueVisa() });
  await saveButton(page).click();
  await expect(page.getByRole("heading", { name: "Card saved" })).toBeVisible();
  expect(await getCheckout(api, link.checkoutId)).toMatchObject({ state: "spent", failed_attempts: 1 });
});
