// The page a customer ends on after saving a card, or paying, on a link
// without a success_url: the merchant's name, the card by its brand and last
// four digits, and whose card vault keeps it. A link with a success_url sends
// the browser to the merchant; if its customer opens the done page all the
// same, "Back to <merchant>" takes them there with a freshly signed
// redirect. No one but the browser that spent the link sees the page.
import { test, expect } from "./support/fixtures";
import { createLink } from "./support/api";
import { expectAxeClean } from "./support/axe";
import { expectLanding, fillCard, saveButton } from "./support/card-page";
import { uniqueVisa } from "./support/cards";

const encryptedBy = (shop: string) => `Card details are encrypted by ${shop}'s card vault.`;

test("a card-capture link ends on the merchant's page saying which card was saved", async ({ page, api, vault }, testInfo) => {
  const link = await createLink(api);
  await page.goto(link.link);
  const number = uniqueVisa();
  await fillCard(page, { number });
  await saveButton(page).click();

  await expect(page).toHaveURL(`${link.link}/done`);
  await expect(page.getByRole("heading", { name: "Card saved" })).toBeVisible();
  await expect(page.locator("header")).toContainText(vault.shopName);
  await expect(page.getByRole("status")).toHaveText(`Visa ending ${number.slice(-4)} saved.`);
  await expect(page.getByText(encryptedBy(vault.shopName))).toBeVisible();
  // Nothing else of the number, no way back where there is no success_url, and no one else's mark.
  await expect(page.locator("body")).not.toContainText(number.slice(0, 6));
  await expect(page.getByRole("link")).toHaveCount(0);
  await expect(page.getByRole("img")).toHaveCount(0);
  await expectAxeClean(page, testInfo, "card saved");
});

test("a payment link ends on the merchant's page saying what was paid with which card", async ({ page, api, vault }, testInfo) => {
  const link = await createLink(api, { amount: 42.5 });
  await page.goto(link.link);
  const number = uniqueVisa();
  await fillCard(page, { number });
  await page.getByRole("button", { name: "Pay $42.50" }).click();

  await expect(page.getByRole("heading", { name: "Payment made" })).toBeVisible();
  await expect(page.locator("header")).toContainText(vault.shopName);
  await expect(page.getByRole("status")).toHaveText(`$42.50 paid with Visa ending ${number.slice(-4)}. Your card was saved.`);
  await expect(page.getByText(encryptedBy(vault.shopName))).toBeVisible();
  await expectAxeClean(page, testInfo, "payment made");
});

test("with a success_url, the done page offers the way back to the merchant, signed at the click, to the browser that saved the card only", async ({
  page,
  browser,
  api,
  vault,
  merchantSite,
}, testInfo) => {
  const link = await createLink(api, { successUrl: merchantSite.url("/thanks", { order: "9" }) });
  await page.goto(link.link);
  const number = uniqueVisa();
  await fillCard(page, { number });
  await saveButton(page).click();
  const first = await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", { checkout_id: link.checkoutId });

  await page.goto(`${link.link}/done`);
  await expect(page.getByRole("status")).toHaveText(`Visa ending ${number.slice(-4)} saved.`);
  const back = page.getByRole("link", { name: `Back to ${vault.shopName}` });
  await expect(back).toBeVisible();
  await expectAxeClean(page, testInfo, "card saved, with a way back");
  await back.click();
  await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", {
    order: "9",
    checkout_id: link.checkoutId,
    customer_id: link.customerId,
    card_id: first.get("card_id")!,
  });

  // Another browser holding the link gets the link's own page, never the card.
  const other = await browser.newPage();
  for (const path of ["/done", "/back"]) {
    await other.goto(`${link.link}${path}`);
    await expect(other.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
    await expect(other.locator("body")).not.toContainText(number.slice(-4));
  }
  await other.close();
});
