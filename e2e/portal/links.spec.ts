// Checkout links in the portal, in Chromium: staff create one for a
// customer, copy it, and the customer saves a card through it (a full
// capture that lands signed on the merchant's page); the list shows each
// link's state and failed attempts; viewers cannot create links.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { createLink, getCheckout, customerCards } from "../support/api";
import { expectLanding, fillCard, saveButton } from "../support/card-page";
import { masked, uniqueCustomerId, uniqueVisa } from "../support/cards";
import { executeSql, expireLink } from "../support/database";
import { auditRows, createPortalUser, csrfOf, pageAlert, signIn } from "../support/portal";

test.describe.configure({ timeout: 120_000 });

test("staff create a link in the portal; the customer saves a card through it; the list shows it spent", async ({
  page,
  browser,
  vault,
  api,
  merchantSite,
}, testInfo) => {
  const staff = await createPortalUser(vault, "staff");
  await signIn(page, vault, staff);
  await page.getByRole("link", { name: "Checkout links" }).click();
  await page.getByRole("link", { name: "New link" }).click();
  await expectAxeClean(page, testInfo, "new link form");

  const customerId = uniqueCustomerId("LNK");
  const form = page.getByRole("form", { name: "Create a checkout link" });
  await form.getByLabel("Customer ID").fill(customerId);
  // A new customer needs a name, as over the API.
  await form.getByRole("button", { name: "Create link" }).click();
  await expect(form.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("First name").fill("Ada");
  await form.getByLabel("Last name").fill("Lovelace");
  // The API's URL rule: https, or http on loopback only.
  await form.getByLabel("Success URL (optional)").fill("http://shop.example/thanks");
  await form.getByRole("button", { name: "Create link" }).click();
  await expect(form.getByLabel("Success URL (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(pageAlert(page)).toBeVisible();
  await form.getByLabel("Success URL (optional)").fill(merchantSite.url("/thanks"));
  await form.getByLabel("Failure URL (optional)").fill(merchantSite.url("/sorry"));
  await form.getByRole("button", { name: "Create link" }).click();
  const link = (await page.getByTestId("copy-value").textContent())!.trim();
  const checkoutId = link.split("/").at(-1)!;
  expect(link).toBe(`${vault.baseUrl}/checkout/${checkoutId}`);

  await page.goto(`${vault.baseUrl}/portal/links?customer=${customerId}`);
  const row = page.getByTestId(`link-${checkoutId}`);
  await expect(row.getByText("open", { exact: true })).toBeVisible();
  await expectAxeClean(page, testInfo, "links list");

  // The customer, in their own browser.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(link);
  const number = uniqueVisa();
  await fillCard(customer, { number });
  await saveButton(customer).click();
  const query = await expectLanding(customer, merchantSite, vault.merchant.signing_secret, "/thanks", { checkout_id: checkoutId, customer_id: customerId });
  await customer.context().close();

  await page.reload();
  await expect(row.getByText("spent", { exact: true })).toBeVisible();
  await expect(row.getByText("Card saved")).toBeVisible();
  expect(await getCheckout(api, checkoutId)).toMatchObject({ state: "spent", card_id: query.get("card_id") });
  const cards = await customerCards(api, customerId);
  expect(cards.map((c) => c.card_number)).toEqual([masked(number)]);

  const audit = await auditRows(vault, vault.merchant.merchant_id);
  expect(audit.filter((r) => r.actor === `user:${staff.userId}`).map((r) => `${r.action} ${r.targetId}`)).toEqual(
    expect.arrayContaining([`customer.create ${customerId}`, `checkout.create ${checkoutId}`]),
  );
});

test("the list shows expired and locked links with their failed attempts", async ({ page, vault, api }) => {
  const customerId = uniqueCustomerId("LST");
  const expired = (await createLink(api, { customerId })).checkoutId;
  const locked = (await createLink(api, { customerId })).checkoutId;
  await expireLink(vault, expired);
  // Five failed attempts lock a link (decision 005); written here as the capture would leave it.
  await executeSql(
    vault,
    {
      sqlite: `UPDATE "Checkout" SET "state" = 'locked', "failedAttempts" = 5, "lockedAt" = ? WHERE "id" = ?`,
      postgres: `UPDATE "Checkout" SET "state" = 'locked', "failedAttempts" = 5, "lockedAt" = $1 WHERE "id" = $2`,
    },
    [vault.database === "sqlite" ? new Date().toISOString().replace("Z", "+00:00") : new Date(), locked],
  );
  const viewer = await createPortalUser(vault, "viewer");
  await signIn(page, vault, viewer);
  await page.goto(`${vault.baseUrl}/portal/links?customer=${customerId}`);
  await expect(page.getByTestId(`link-${expired}`).getByText("expired", { exact: true })).toBeVisible();
  const lockedRow = page.getByTestId(`link-${locked}`);
  await expect(lockedRow.getByText("locked", { exact: true })).toBeVisible();
  await expect(lockedRow.getByText("Failed attempts: 5")).toBeVisible();
  // Only an open link offers itself to copy.
  await expect(page.getByTestId("copy-value")).toHaveCount(0);
});

test("viewers see links but cannot create one, on the page or by a forged request", async ({ page, vault }) => {
  const viewer = await createPortalUser(vault, "viewer");
  await signIn(page, vault, viewer);
  await page.getByRole("link", { name: "Checkout links" }).click();
  await expect(page.getByRole("heading", { name: "Checkout links" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New link" })).toHaveCount(0);
  expect((await page.goto(`${vault.baseUrl}/portal/links/new`))?.status()).toBe(404);
  await page.goto(`${vault.baseUrl}/portal/links`);
  const csrf = await csrfOf(page);
  const customerId = uniqueCustomerId("FRG");
  const status = await page.evaluate(
    async ([token, id]) =>
      (
        await fetch("/portal/api/links", {
          method: "POST",
          headers: { "content-type": "application/json", "x-vault-csrf": token },
          body: JSON.stringify({ customer_id: id }),
        })
      ).status,
    [csrf, customerId] as const,
  );
  expect(status).toBe(403);
  const audit = await auditRows(vault, vault.merchant.merchant_id);
  expect(audit.filter((r) => r.targetId === customerId)).toEqual([]);
});
