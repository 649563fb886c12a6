// Saving a card through the hosted page in Chromium, with JavaScript on and
// off (the page must work without it): a new card, an update link, a card
// the customer already has, a double submit, two tabs at once, and a link
// without a success_url.
import { test, expect } from "./support/fixtures";
import { createLink, customerCards, customerWithCard, getCheckout, CUSTOMER } from "./support/api";
import { expectLanding, field, fillCard, saveButton } from "./support/card-page";
import { LANDING_HEADINGS } from "./support/merchant-site";
import { redirectProblem } from "./support/redirect-signature";
import { masked, uniqueVisa } from "./support/cards";

// How people type a number from the card: in groups of four.
const grouped = (number: string) => number.replace(/(\d{4})(?=\d)/g, "$1 ");

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("a new card is stored masked and the browser lands on the signed success_url", async ({ page, api, vault, merchantSite }) => {
      const link = await createLink(api, { successUrl: merchantSite.url("/thanks", { order: "1042" }), failureUrl: merchantSite.url("/sorry") });
      await page.goto(link.link);
      await expect(page.getByRole("heading", { name: "Add your card" })).toBeVisible();
      await expect(page.getByText(vault.shopName)).toBeVisible();
      await expect(field(page, "name")).toHaveValue(`${CUSTOMER.first} ${CUSTOMER.last}`);

      const number = uniqueVisa();
      await fillCard(page, { number: grouped(number) });
      await saveButton(page).click();

      // The merchant's own query parameter is kept and signed with ours.
      const query = await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", {
        order: "1042",
        checkout_id: link.checkoutId,
        customer_id: link.customerId,
      });
      const cardId = query.get("card_id");
      expect(cardId).toMatch(/^[0-9a-f]{32}$/);
      expect(page.url()).not.toContain(number);

      const cards = await customerCards(api, link.customerId);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({
        card_id: cardId,
        card_number: masked(number),
        billing_zip: "94402",
        billing_addr1: "1 Harbor Way",
        billing_city: "San Mateo",
        billing_state: "CA",
        billing_first_name: CUSTOMER.first,
        billing_last_name: CUSTOMER.last,
      });
      expect(JSON.stringify(cards)).not.toContain(number);
      expect(await getCheckout(api, link.checkoutId)).toMatchObject({ state: "spent", card_id: cardId });
    });

    test("an update link replaces the number behind the same card_id", async ({ page, api, vault, merchantSite }) => {
      const existing = await customerWithCard(api);
      const link = await createLink(api, { customerId: existing.customerId, cardId: existing.cardId, successUrl: merchantSite.url("/thanks") });
      await page.goto(link.link);
      await expect(page.getByRole("heading", { name: "Update your card" })).toBeVisible();

      const number = uniqueVisa();
      await fillCard(page, { number });
      await saveButton(page).click();

      await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", {
        checkout_id: link.checkoutId,
        customer_id: existing.customerId,
        card_id: existing.cardId,
      });
      const cards = await customerCards(api, existing.customerId);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({ card_id: existing.cardId, card_number: masked(number) });
    });

    test("a card the customer already has ends on the success page with that card's card_id, stored once", async ({ page, api, vault, merchantSite }) => {
      const existing = await customerWithCard(api);
      const link = await createLink(api, { customerId: existing.customerId, successUrl: merchantSite.url("/thanks") });
      await page.goto(link.link);
      await fillCard(page, { number: grouped(existing.number) });
      await saveButton(page).click();

      await expectLanding(page, merchantSite, vault.merchant.signing_secret, "/thanks", {
        checkout_id: link.checkoutId,
        customer_id: existing.customerId,
        card_id: existing.cardId,
      });
      const cards = await customerCards(api, existing.customerId);
      expect(cards.map((card) => card.card_id)).toEqual([existing.cardId]);
      expect(await getCheckout(api, link.checkoutId)).toMatchObject({ state: "spent", card_id: existing.cardId });
    });

    test("a double click on Save card stores one card and lands on success", async ({ page, api, vault, merchantSite }) => {
      const link = await createLink(api, { successUrl: merchantSite.url("/thanks") });
      await page.goto(link.link);
      await fillCard(page, { number: uniqueVisa() });
      await saveButton(page).dblclick();

      // What the merchant relies on, read from its own server rather than page.url():
      // with two form posts in flight, Chromium once showed the landing page while
      // page.url() still named the checkout page (a CI run on PostgreSQL).
      await expect(page.getByRole("heading", { name: LANDING_HEADINGS["/thanks"] })).toBeVisible();
      await expect.poll(() => merchantSite.landingsFor(link.checkoutId).length).toBeGreaterThan(0);
      const landings = merchantSite.landingsFor(link.checkoutId);
      for (const landing of landings) {
        expect(landing.path).toBe("/thanks");
        expect(redirectProblem(landing.query, vault.merchant.signing_secret), landing.url).toBeNull();
      }
      // Every answer names the one card stored: the second post got the first answer again.
      const cardIds = new Set(landings.map((l) => l.query.get("card_id")));
      expect(cardIds.size).toBe(1);
      const cards = await customerCards(api, link.customerId);
      expect(cards.map((c) => c.card_id)).toEqual([...cardIds]);
    });

    test("the same card submitted from two tabs at once is stored once; both land on success", async ({ context, api, vault, merchantSite }) => {
      const link = await createLink(api, { successUrl: merchantSite.url("/thanks") });
      const number = uniqueVisa();
      const tabs = [await context.newPage(), await context.newPage()];
      for (const tab of tabs) {
        await tab.goto(link.link);
        await fillCard(tab, { number });
      }
      await Promise.all(tabs.map((tab) => saveButton(tab).click()));

      const cardIds = [];
      for (const tab of tabs) {
        const query = await expectLanding(tab, merchantSite, vault.merchant.signing_secret, "/thanks", { checkout_id: link.checkoutId });
        cardIds.push(query.get("card_id"));
      }
      expect(cardIds[1]).toBe(cardIds[0]);
      const cards = await customerCards(api, link.customerId);
      expect(cards.map((c) => c.card_id)).toEqual([cardIds[0]]);
    });

    test("without a success_url the customer sees that the card was saved", async ({ page, api }) => {
      const link = await createLink(api);
      await page.goto(link.link);
      const number = uniqueVisa();
      await fillCard(page, { number });
      await saveButton(page).click();

      await expect(page.getByRole("heading", { name: "Card saved" })).toBeVisible();
      const cards = await customerCards(api, link.customerId);
      expect(cards).toMatchObject([{ card_number: masked(number) }]);
    });
  });
}
