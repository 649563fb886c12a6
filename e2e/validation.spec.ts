// Every kind of bad input on the hosted form, with JavaScript on and off:
// the message sits by its field (aria-invalid, aria-describedby), a
// role="alert" summary appears, the card number is never sent back into the
// page, and nothing is stored: the link stays open, the customer has no card.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import type { ApiClient } from "../tests/support/http-client";
import { createLink, customerCards, getCheckout, type Link } from "./support/api";
import { errorSummary, expectFieldError, expectNoFieldError, field, fillCard, LABELS, saveButton } from "./support/card-page";
import { breakLuhn, expiryInMonths, uniqueVisa } from "./support/cards";
import { forgetAddressFailures } from "./support/database";

type Field = keyof typeof LABELS;

const MESSAGES: Record<"number" | "expiry" | "cvv" | "zip", RegExp> = {
  number: /card number/i,
  expiry: /expiry/i,
  cvv: /security code/i,
  zip: /ZIP|postal/i,
};

async function expectRejected(page: Page, api: ApiClient, link: Link, invalid: (keyof typeof MESSAGES)[], typedNumber: string) {
  await expect(errorSummary(page)).toBeVisible();
  for (const name of invalid) await expectFieldError(page, name, MESSAGES[name]);
  for (const name of Object.keys(LABELS) as Field[]) if (!invalid.includes(name as keyof typeof MESSAGES)) await expectNoFieldError(page, name);
  // The number may stay in the field the customer typed it in, but the
  // vault never writes it back into the page or the address bar.
  if (typedNumber) {
    expect(await page.content()).not.toContain(typedNumber);
    expect(page.url()).not.toContain(typedNumber);
  }
  expect(await getCheckout(api, link.checkoutId)).toMatchObject({ state: "open" });
  expect(await customerCards(api, link.customerId)).toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    // Two of these (Luhn, past expiry) are failed submissions that count
    // against 127.0.0.1's limit; see forgetAddressFailures.
    test.beforeEach(async ({ vault }) => forgetAddressFailures(vault));

    test("empty required fields: card number, expiry, security code, ZIP", async ({ page, api }) => {
      const link = await createLink(api);
      await page.goto(link.link);
      await saveButton(page).click();
      await expectRejected(page, api, link, ["number", "expiry", "cvv", "zip"], "");
    });

    test("a card number that fails the Luhn check, not written back into the form", async ({ page, api }) => {
      const link = await createLink(api);
      await page.goto(link.link);
      const number = breakLuhn(uniqueVisa());
      await fillCard(page, { number });
      await saveButton(page).click();
      await expectRejected(page, api, link, ["number"], number);
      // Without JavaScript the page is the server's answer: the number and the
      // security code are empty, what else was typed is kept.
      if (!javaScriptEnabled) {
        await expect(field(page, "number")).toHaveValue("");
        await expect(field(page, "cvv")).toHaveValue("");
      }
      await expect(field(page, "zip")).toHaveValue("94402");
    });

    test("an expiry date not in MM/YY form", async ({ page, api }) => {
      const link = await createLink(api);
      await page.goto(link.link);
      const number = uniqueVisa();
      await fillCard(page, { number, expiry: "13/40" });
      await saveButton(page).click();
      await expectRejected(page, api, link, ["expiry"], number);
    });

    test("an expiry date in the past", async ({ page, api }) => {
      const link = await createLink(api);
      await page.goto(link.link);
      const number = uniqueVisa();
      await fillCard(page, { number, expiry: expiryInMonths(-1) });
      await saveButton(page).click();
      await expectRejected(page, api, link, ["expiry"], number);
    });

    test("a security code that is too short", async ({ page, api }) => {
      const link = await createLink(api);
      await page.goto(link.link);
      const number = uniqueVisa();
      await fillCard(page, { number, cvv: "12" });
      await saveButton(page).click();
      await expectRejected(page, api, link, ["cvv"], number);
    });
  });
}

test.describe("when the errors show (JavaScript on)", () => {
  test("tabbing past an empty field flags nothing; a malformed field is flagged when left and cleared when fixed; empties are flagged on submit", async ({
    page,
    api,
  }) => {
    const link = await createLink(api);
    await page.goto(link.link);
    // The page's one script has run (it hydrates the form as it loads).
    await page.waitForLoadState("load");
    await field(page, "number").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    for (const name of ["number", "expiry", "cvv"] as const) await expectNoFieldError(page, name);
    await expect(errorSummary(page)).toHaveCount(0);

    await field(page, "number").fill("4111 1111");
    await field(page, "expiry").focus();
    await expectFieldError(page, "number", MESSAGES.number);
    await field(page, "number").fill(uniqueVisa());
    await expectNoFieldError(page, "number");

    await saveButton(page).click();
    await expect(errorSummary(page)).toBeVisible();
    for (const name of ["expiry", "cvv"] as const) await expectFieldError(page, name, MESSAGES[name]);
    await expectNoFieldError(page, "number");
  });
});
