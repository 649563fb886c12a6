// A customer's cards and shipping addresses in the portal, in Chromium:
// the card added through the vault's embedded form framed in the portal
// (the number is typed only into the vault's own page), primary markers,
// a card deleted after a confirmation, addresses added, edited and made
// primary. Each change shows in the API and in the audit log under the user.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { fillCard, saveButton } from "../support/card-page";
import { masked, uniqueVisa } from "../support/cards";
import { pageAlert } from "../support/portal";
import { apiCustomer, apiGetCustomer, auditRowsFor, expectNoFullNumbers, signInAs } from "../support/portal-customers";

// Each test is a whole workflow (sign in, several pages, API and audit
// checks, axe): more than the suite's 60 s when the shared machine is busy.
test.describe.configure({ timeout: 150_000 });

test("a card added through the embedded form in the portal is attached, shown masked, and in the API", async ({ page, vault, api }) => {
  const user = await signInAs(page, vault, "staff");
  const { customerId } = await apiCustomer(api, { first: "Margaret", last: "Hamilton" });
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);
  await expect(page.getByText("No cards stored for this customer.")).toBeVisible();
  await page.getByRole("link", { name: "Add card" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}/cards/new$`));

  // The frame is the vault's own embedded page, with a key made for the portal.
  const iframe = page.locator('iframe[title="Card details"]');
  await expect(iframe).toHaveAttribute("src", /^\/embedded\/[0-9a-f]{32}$/);
  const frame = page.frameLocator('iframe[title="Card details"]');
  const number = uniqueVisa();
  await fillCard(frame, { number });
  await saveButton(frame).click();

  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}\\?card=1$`));
  await expect(page.getByRole("status").filter({ hasText: "Card added." })).toBeVisible();
  const card = page.getByTestId("card");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(masked(number));
  await expect(card).toContainText("Visa");
  await expect(card).toContainText("Primary");
  await expectNoFullNumbers(page, [number]);

  const { data } = await apiGetCustomer(api, customerId);
  expect(data.billing_cards).toMatchObject([{ card_number: masked(number), card_type: "VS", billing_zip: "94402", primary: true }]);
  const cardId = data.billing_cards[0].card_id;
  expect(await auditRowsFor(vault, cardId)).toEqual([
    { actor: expect.stringMatching(/^embedded:/), action: "card_token.create", targetType: "card", targetId: cardId },
    { actor: `user:${user.userId}`, action: "card.create", targetType: "card", targetId: cardId },
  ]);
});

test("the portal's card form is only for the portal: its key's page may be framed by the vault alone", async ({ page, vault, api }) => {
  await signInAs(page, vault, "staff");
  const { customerId } = await apiCustomer(api, { first: "Frances", last: "Allen" });
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}/cards/new`);
  const src = await page.locator('iframe[title="Card details"]').getAttribute("src");
  const response = await page.request.get(`${vault.baseUrl}${src}`);
  expect(response.headers()["content-security-policy"]).toContain(`frame-ancestors ${vault.baseUrl};`);
  // The portal page itself may frame only the vault.
  const portal = await page.request.get(page.url());
  expect(portal.headers()["content-security-policy"]).toContain("frame-src 'self'");
});

test("make another card primary, and delete a card after a confirmation", async ({ page, vault, api }, testInfo) => {
  const user = await signInAs(page, vault, "staff");
  const { customerId, cards } = await apiCustomer(api, { first: "Katherine", last: "Johnson", cards: 2 });
  const [first, second] = cards as [(typeof cards)[number], (typeof cards)[number]];
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);

  const before = (await apiGetCustomer(api, customerId)).data;
  const rows = page.getByTestId("card");
  await expect(rows).toHaveCount(2);
  // Exactly the API's masked numbers, and never a full one.
  for (const apiCard of before.billing_cards) {
    await expect(rows.filter({ hasText: apiCard.card_number })).toHaveCount(1);
  }
  await expectNoFullNumbers(page, [first.number, second.number]);
  const firstRow = rows.filter({ hasText: masked(first.number) });
  const secondRow = rows.filter({ hasText: masked(second.number) });
  await expect(firstRow).toContainText("Primary");
  await expect(secondRow).not.toContainText("Primary");

  await secondRow.getByRole("button", { name: `Make primary: card ending ${second.number.slice(-4)}` }).click();
  await expect(secondRow).toContainText("Primary");
  await expect(firstRow).not.toContainText("Primary");
  let data = (await apiGetCustomer(api, customerId)).data;
  expect(data.billing_cards.find((c: { card_id: string }) => c.card_id === second.cardId).primary).toBe(true);
  expect(data.primary_card_number).toBe(masked(second.number));

  // Delete the first card: Cancel keeps it; confirming removes it.
  await firstRow.getByRole("button", { name: `Delete card ending ${first.number.slice(-4)}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete the card ending ${first.number.slice(-4)}?` });
  await expect(dialog).toBeVisible();
  await expectAxeClean(page, testInfo, "delete card dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(rows).toHaveCount(2);
  await firstRow.getByRole("button", { name: `Delete card ending ${first.number.slice(-4)}` }).click();
  await dialog.getByRole("button", { name: "Delete card" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(masked(second.number));
  data = (await apiGetCustomer(api, customerId)).data;
  expect(data.billing_cards.map((c: { card_id: string }) => c.card_id)).toEqual([second.cardId]);

  expect((await auditRowsFor(vault, second.cardId)).map((r) => [r.actor, r.action])).toEqual([
    [expect.stringMatching(/^api_key:/), "card.create"],
    [`user:${user.userId}`, "card.set_primary"],
  ]);
  expect((await auditRowsFor(vault, first.cardId)).map((r) => [r.actor, r.action]).at(-1)).toEqual([`user:${user.userId}`, "card.delete"]);
});

test("add a shipping address, edit it, and make it primary", async ({ page, vault, api }, testInfo) => {
  const user = await signInAs(page, vault, "staff");
  const { customerId, shippingIds } = await apiCustomer(api, { first: "Hedy", last: "Lamarr", addresses: [{ first: "Hedy", last: "Lamarr", city: "Vienna" }] });
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);
  const addresses = page.getByTestId("shipping-address");
  await expect(addresses).toHaveCount(1);
  await expect(addresses.first()).toContainText("Primary");

  await page.getByRole("link", { name: "Add address" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}/shipping/new$`));
  await page.getByRole("button", { name: "Add address" }).click();
  await expect(pageAlert(page)).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("First name is required.")).toBeVisible();
  await page.getByLabel("State").fill("TOOLONG");
  await page.getByRole("button", { name: "Add address" }).click();
  await expect(page.getByText("State must be at most 3 characters.")).toBeVisible();
  await expectAxeClean(page, testInfo, "new shipping address form with errors");

  await page.getByLabel("First name").fill("Hedwig");
  await page.getByLabel("Last name").fill("Kiesler");
  await page.getByLabel("Address line 1").fill("1 Film Row");
  await page.getByLabel("Address line 2").fill("Studio 5");
  await page.getByLabel("City").fill("Los Angeles");
  await page.getByLabel("State").fill("CA");
  await page.getByLabel("ZIP or postal code").fill("90001");
  await page.getByLabel("Country code").fill("USA");
  await page.getByRole("button", { name: "Add address" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}\\?address=1$`));
  await expect(addresses).toHaveCount(2);
  const added = addresses.filter({ hasText: "Hedwig Kiesler" });
  await expect(added).toContainText("Los Angeles CA 90001");
  await expect(added).not.toContainText("Primary");

  let data = (await apiGetCustomer(api, customerId)).data;
  const newId = data.shipping_addresses.find((a: { shipping_id: number }) => a.shipping_id !== shippingIds[0]).shipping_id as number;

  // Edit: a changed city, an emptied line cleared.
  await added.getByRole("link", { name: /^Edit address/ }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}/shipping/${newId}/edit$`));
  await expect(page.getByLabel("City")).toHaveValue("Los Angeles");
  await page.getByLabel("City").fill("Pasadena");
  await page.getByLabel("Address line 2").fill("");
  await page.getByRole("button", { name: "Save address" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}\\?address_saved=1$`));
  await expect(added).toContainText("Pasadena CA 90001");
  await expect(added).not.toContainText("Studio 5");

  await added.getByRole("button", { name: /^Make primary: address/ }).click();
  await expect(added).toContainText("Primary");
  await expect(addresses.filter({ hasText: "Vienna" })).not.toContainText("Primary");

  data = (await apiGetCustomer(api, customerId)).data;
  const edited = data.shipping_addresses.find((a: { shipping_id: number }) => a.shipping_id === newId);
  expect(edited).toMatchObject({
    shipping_first_name: "Hedwig",
    shipping_last_name: "Kiesler",
    shipping_addr1: "1 Film Row",
    shipping_city: "Pasadena",
    shipping_state: "CA",
    shipping_zip: "90001",
    shipping_country_code: "USA",
    primary: true,
  });
  expect(edited.shipping_addr2).toBeUndefined();
  expect(data.shipping_addresses.find((a: { shipping_id: number }) => a.shipping_id === shippingIds[0]).primary).toBe(false);
  expect((await auditRowsFor(vault, String(newId), "shipping_address")).map((r) => [r.actor, r.action])).toEqual([
    [`user:${user.userId}`, "shipping.create"],
    [`user:${user.userId}`, "shipping.update"],
    [`user:${user.userId}`, "shipping.set_primary"],
  ]);
});

test("the customer page passes axe with cards and addresses", async ({ page, vault, api }, testInfo) => {
  await signInAs(page, vault, "staff");
  const { customerId } = await apiCustomer(api, {
    first: "Radia",
    last: "Perlman",
    email: "radia@example.com",
    cards: 2,
    addresses: [{ first: "Radia", last: "Perlman", city: "Seattle" }],
  });
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);
  await expect(page.getByTestId("card")).toHaveCount(2);
  await expectAxeClean(page, testInfo, "customer detail");
  // Keyboard: Tab reaches the actions with a visible focus ring.
  await page.getByRole("link", { name: "Edit customer" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toBeFocused();
});
