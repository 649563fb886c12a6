// A payment link paid in Chromium, with JavaScript on and off: the page shows
// the amount, the card is charged on the merchant's sandbox and stored, and
// the browser lands on the signed success_url with pg_id and amt_tran. A
// declined card stays on the page with the reason in plain words.
import { test, expect } from "./support/fixtures";
import { createLink, customerCards, getCheckout } from "./support/api";
import { errorSummary, expectLanding, fillCard } from "./support/card-page";
import { masked, uniqueVisa } from "./support/cards";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("a payment link shows its amount, charges the card, stores it, and lands on the signed success_url with pg_id and amt_tran", async ({
      page,
      api,
      vault,
      merchantSite,
    }) => {
      const link = await createLink(api, { amount: 42.5, successUrl: merchantSite.url("/thanks", { order: "77" }), failureUrl: merchantSite.url("/sorry") });
      await page.goto(link.link);
      await expect(page.getByRole("heading", { name: "Pay $42.50" })).toBeVisible();
      await expect(page.getByText(`Amount due to ${vault.shopName}`)).toBeVisible();

      const number = uniqueVisa();
      await fillCard(page, { number });
      await page.getByRole("button", { name: "Pay $42.50" }).click();

      const query = await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", {
        order: "77",
        checkout_id: link.checkoutId,
        customer_id: link.customerId,
        amt_tran: "42.5",
      });
      const pgId = query.get("pg_id");
      expect(pgId).toMatch(/^[0-9a-f]{32}$/);
      expect(page.url()).not.toContain(number);
      const cards = await customerCards(api, link.customerId);
      expect(cards).toMatchObject([{ card_id: query.get("card_id"), card_number: masked(number) }]);
      const checkout = await getCheckout(api, link.checkoutId);
      expect(checkout).toMatchObject({ state: "spent", amt_tran: 42.5, transactions: [{ pg_id: pgId, rcode: "000" }] });
    });

    test("a declined card stays on the page with the reason in plain words, and nothing is stored", async ({ page, api, merchantSite }) => {
      const link = await createLink(api, { amount: 9.05, successUrl: merchantSite.url("/thanks"), failureUrl: merchantSite.url("/sorry") });
      await page.goto(link.link);
      await fillCard(page, { number: uniqueVisa() });
      await page.getByRole("button", { name: "Pay $9.05" }).click();
      await expect(errorSummary(page)).toContainText("Your bank declined this payment");
      await expect(page.getByRole("button", { name: "Pay $9.05" })).toBeVisible();
      expect(await customerCards(api, link.customerId)).toHaveLength(0);
      expect(await getCheckout(api, link.checkoutId)).toMatchObject({ state: "open", failed_attempts: 1, transactions: [{ rcode: "005" }] });
    });
  });
}
