// The portal's customers in Chromium: staff create, edit and delete a
// customer (the change shows in the API and in the audit log under the
// user's name), staff send a card link from a customer's page and see the
// customer's link history, a viewer sees no controls and is refused by the
// server, and another merchant's customer is a 404.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { uniqueCustomerId } from "../support/cards";
import { createMerchant, pageAlert, signIn, createPortalUser } from "../support/portal";
import { apiCustomer, apiGetCustomer, auditRowsFor, forgeRequest, signInAs } from "../support/portal-customers";
import { createLink, getCheckout } from "../support/api";
import { expireLink } from "../support/database";
import { httpApiClient } from "../../tests/support/http-client";

// Each test is a whole workflow (sign in, several pages, API and audit
// checks, axe): more than the suite's 60 s when the shared machine is busy.
test.describe.configure({ timeout: 150_000 });

test("staff create a customer with their own id; the API shows it and the audit log names the user", async ({ page, vault, api }, testInfo) => {
  const user = await signInAs(page, vault, "staff");
  await page.getByRole("link", { name: "New customer" }).click();
  await expect(page.getByRole("heading", { name: "New customer" })).toBeVisible();

  // Nothing typed: the form says what is missing, beside the field and in a summary.
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(pageAlert(page)).toHaveText("Please correct the highlighted fields.");
  const first = page.getByLabel("First name");
  await expect(first).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await first.getAttribute("aria-describedby")}`)).toHaveText("A customer name (first or last) or company is required.");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Email must be an email address.")).toBeVisible();
  await expectAxeClean(page, testInfo, "new customer form with errors");

  const customerId = uniqueCustomerId("NEW");
  await page.getByLabel("Customer ID").fill(customerId);
  await first.fill("Grace");
  await page.getByLabel("Last name").fill("Hopper");
  await page.getByLabel("Company").fill("Navy Labs");
  await page.getByLabel("Email").fill("grace@navy.example");
  await page.getByLabel("Phone").fill("5551234567");
  await page.getByLabel("Reference ID").fill("REF-1");
  await page.getByLabel("Comments").fill("Prefers email");
  await page.getByRole("button", { name: "Create customer" }).click();

  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}\\?created=1$`));
  await expect(page.getByRole("heading", { level: 1, name: "Grace Hopper" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Customer created." })).toBeVisible();

  const { status, data } = await apiGetCustomer(api, customerId);
  expect(status).toBe(200);
  expect(data).toMatchObject({
    customer_id: customerId,
    customer_first_name: "Grace",
    customer_last_name: "Hopper",
    customer_firm_name: "Navy Labs",
    customer_email: "grace@navy.example",
    customer_phone: "5551234567",
    reference_id: "REF-1",
    comments: "Prefers email",
    billing_cards: [],
  });
  expect(await auditRowsFor(vault, customerId)).toEqual([
    { actor: `user:${user.userId}`, action: "customer.create", targetType: "customer", targetId: customerId },
  ]);

  // The same id again is refused, as the API refuses it.
  await page.goto(`${vault.baseUrl}/portal/customers/new`);
  await page.getByLabel("Customer ID").fill(customerId);
  await page.getByLabel("Company").fill("Someone else");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(pageAlert(page)).toHaveText(`customer_id ${customerId} already exists`);
  await expect(page.getByLabel("Customer ID")).toHaveAttribute("aria-invalid", "true");
});

test("a blank customer ID is generated as auto_generate_customer_id does", async ({ page, vault, api }) => {
  const user = await signInAs(page, vault, "admin");
  await page.goto(`${vault.baseUrl}/portal/customers/new`);
  await page.getByLabel("Company").fill("Generated Ltd");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(/\/portal\/customers\/[A-Z0-9]{16}\?created=1$/);
  const customerId = new URL(page.url()).pathname.split("/").pop()!;
  expect(customerId).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{16}$/);
  expect((await apiGetCustomer(api, customerId)).data).toMatchObject({ customer_id: customerId, customer_firm_name: "Generated Ltd" });
  expect((await auditRowsFor(vault, customerId)).map((r) => r.actor)).toEqual([`user:${user.userId}`]);
});

test("staff edit a customer: changed fields are saved, an emptied one is cleared, errors are shown", async ({ page, vault, api }, testInfo) => {
  const user = await signInAs(page, vault, "staff");
  const { customerId } = await apiCustomer(api, { first: "Alan", last: "Turing", email: "alan@bletchley.example" });
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);
  await page.getByRole("link", { name: "Edit customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}/edit$`));
  await expect(page.getByLabel("First name")).toHaveValue("Alan");

  await page.getByLabel("Email").fill("bad address");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(pageAlert(page)).toHaveText("Please correct the highlighted fields.");
  await expectAxeClean(page, testInfo, "edit customer form with errors");

  await page.getByLabel("Email").fill("");
  await page.getByLabel("Company").fill("Ace Computing");
  await page.getByLabel("Phone").fill("+44 20 7946 0000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}\\?saved=1$`));
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByText("Ace Computing")).toBeVisible();

  const { data } = await apiGetCustomer(api, customerId);
  expect(data).toMatchObject({
    customer_first_name: "Alan",
    customer_last_name: "Turing",
    customer_firm_name: "Ace Computing",
    customer_phone: "+44 20 7946 0000",
  });
  expect(data.customer_email).toBeUndefined();
  expect((await auditRowsFor(vault, customerId)).map((r) => [r.actor, r.action])).toEqual([
    [expect.stringMatching(/^api_key:/), "customer.create"],
    [`user:${user.userId}`, "customer.update"],
  ]);
});

test("Delete asks first: Cancel keeps the customer, confirming deletes it and goes back to the list", async ({ page, vault, api }, testInfo) => {
  const user = await signInAs(page, vault, "staff");
  const { customerId } = await apiCustomer(api, { first: "Edsger", last: "Dijkstra", cards: 1 });
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);

  const deleteButton = page.getByRole("button", { name: "Delete", exact: true });
  await deleteButton.click();
  const dialog = page.getByRole("dialog", { name: "Delete Edsger Dijkstra?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAxeClean(page, testInfo, "delete dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();
  expect((await apiGetCustomer(api, customerId)).status).toBe(200);

  // Escape cancels too.
  await deleteButton.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await apiGetCustomer(api, customerId)).status).toBe(200);

  await deleteButton.click();
  await dialog.getByRole("button", { name: "Delete customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers\\?deleted=${customerId}$`));
  await expect(page.getByRole("status").filter({ hasText: `Customer ${customerId} was deleted.` })).toBeVisible();
  expect((await apiGetCustomer(api, customerId)).status).toBe(404);
  expect((await auditRowsFor(vault, customerId)).map((r) => [r.actor, r.action])).toEqual([
    [expect.stringMatching(/^api_key:/), "customer.create"],
    [`user:${user.userId}`, "customer.delete"],
  ]);
  // Its page is gone.
  const response = await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);
  expect(response?.status()).toBe(404);
});

test("a viewer sees the customer but no control that changes it, and the server refuses their forged requests", async ({ page, vault, api }) => {
  const { customerId, cards, shippingIds } = await apiCustomer(api, {
    first: "Barbara",
    last: "Liskov",
    cards: 2,
    addresses: [
      { first: "Barbara", last: "Liskov", city: "Boston" },
      { first: "B", last: "Liskov", city: "Cambridge" },
    ],
  });
  const before = await apiGetCustomer(api, customerId);
  await signInAs(page, vault, "viewer");

  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New customer" })).toHaveCount(0);
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Barbara Liskov" })).toBeVisible();
  await expect(page.getByTestId("card")).toHaveCount(2);
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  for (const name of ["Edit customer", "Add card", "Add address", "Edit"]) await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  // The forms' pages are not theirs either.
  for (const path of ["new", `${customerId}/edit`, `${customerId}/cards/new`, `${customerId}/shipping/new`, `${customerId}/shipping/${shippingIds[0]}/edit`]) {
    const response = await page.request.get(`${vault.baseUrl}/portal/customers/${path}`);
    expect(response.status(), path).toBe(404);
  }

  const base = `/portal/api/customers/${customerId}`;
  const forged: [string, string, unknown][] = [
    ["POST", "/portal/api/customers", { customer_id: uniqueCustomerId("VW"), customer_first_name: "Mallory" }],
    ["PATCH", base, { customer_first_name: "Mallory" }],
    ["DELETE", base, undefined],
    ["PUT", `${base}/cards/primary`, { card_id: cards[1]!.cardId }],
    ["DELETE", `${base}/cards/${cards[0]!.cardId}`, undefined],
    ["POST", `${base}/shipping`, { shipping_first_name: "M", shipping_last_name: "M" }],
    ["PUT", `${base}/shipping`, { shipping_id: shippingIds[0], shipping_first_name: "M", shipping_last_name: "M" }],
    ["PUT", `${base}/shipping/primary`, { shipping_id: shippingIds[1] }],
    ["DELETE", `${base}/shipping/${shippingIds[0]}`, undefined],
    // "Send card link" is not theirs either.
    ["POST", "/portal/api/links", { customer_id: customerId, preferences: { expire_in_secs: 86400 } }],
  ];
  for (const [method, path, body] of forged) {
    const answer = await forgeRequest(page, method, path, body);
    expect(answer.status, `${method} ${path}`).toBe(403);
    expect(answer.body).toMatchObject({ message: "Your role does not allow this." });
  }
  const after = await apiGetCustomer(api, customerId);
  expect(after).toEqual(before);
  expect((await auditRowsFor(vault, customerId)).map((r) => r.action)).toEqual(["customer.create"]);
});

test("a forged request without the page's CSRF token is refused, even for staff", async ({ page, vault, api }) => {
  await signInAs(page, vault, "staff");
  const { customerId } = await apiCustomer(api, { first: "Ken", last: "Thompson" });
  const status = await page.evaluate(async (path) => {
    const response = await fetch(path, { method: "DELETE", headers: { "content-type": "application/json" } });
    return response.status;
  }, `/portal/api/customers/${customerId}`);
  expect(status).toBe(403);
  expect((await apiGetCustomer(api, customerId)).status).toBe(200);
});

test("another merchant's customer, and an unknown id, are the 404 page", async ({ page, vault }, testInfo) => {
  const other = await createMerchant(vault, "Other Shop");
  const otherApi = httpApiClient(vault.baseUrl, other.api_key);
  const { customerId } = await apiCustomer(otherApi, { first: "Not", last: "Yours" });
  await signIn(page, vault, await createPortalUser(vault, "owner"));

  for (const path of [customerId, `${customerId}/edit`, uniqueCustomerId("NOPE"), "not-a-valid-id!"]) {
    const response = await page.goto(`${vault.baseUrl}/portal/customers/${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Customer not found" })).toBeVisible();
    await expect(page.getByText("Not Yours")).toHaveCount(0);
  }
  await expectAxeClean(page, testInfo, "customer not found");
  // The server refuses to change it too: it does not exist for this merchant.
  const answer = await forgeRequest(page, "DELETE", `/portal/api/customers/${customerId}`);
  expect(answer.status).toBe(404);
  expect((await apiGetCustomer(otherApi, customerId)).status).toBe(200);
});

test("staff send a card link from a customer's page: the link to copy, and the customer's link history with its states", async ({
  page,
  vault,
  api,
}, testInfo) => {
  const { customerId } = await apiCustomer(api, { first: "Edsger", last: "Dijkstra" });
  const old = (await createLink(api, { customerId })).checkoutId;
  await expireLink(vault, old);
  const other = await apiCustomer(api, { first: "Other", last: "Customer" });
  const elsewhere = (await createLink(api, { customerId: other.customerId })).checkoutId;
  const staff = await signInAs(page, vault, "staff");
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);

  const links = page.locator("section").filter({ has: page.getByRole("heading", { name: "Checkout links", exact: true }) });
  const history = links.getByRole("list", { name: "Checkout links" });
  // This customer's links only: the expired one, not the other customer's.
  await expect(history.getByTestId(`link-${old}`).getByText("expired", { exact: true })).toBeVisible();
  await expect(page.getByTestId(`link-${elsewhere}`)).toHaveCount(0);
  await expectAxeClean(page, testInfo, "customer with link history");

  await links.getByLabel("Open for").selectOption("604800");
  await links.getByLabel("Page language").selectOption({ label: "French" });
  await links.getByRole("button", { name: "Send card link" }).click();
  await expect(links.getByRole("status").filter({ hasText: "Card link created." })).toBeVisible();
  const link = (await links.getByTestId("copy-value").first().textContent())!.trim();
  const checkoutId = link.split("/").at(-1)!;
  expect(link).toBe(`${vault.baseUrl}/checkout/${checkoutId}`);
  // A card-capture link for this customer, open for the chosen 7 days, its page in French.
  const made = await getCheckout(api, checkoutId);
  expect(made).toMatchObject({ customer_id: customerId, state: "open", amt_tran: 0, locale: "fr" });
  expect(Date.parse(made.expiry_time) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  // The history lists it first, open, with what it does and when it expires.
  const row = history.getByTestId(`link-${checkoutId}`);
  await expect(history.getByTestId(/^link-/).first()).toHaveAttribute("data-testid", `link-${checkoutId}`);
  await expect(row.getByText("open", { exact: true })).toBeVisible();
  await expect(row.getByText("adds a card")).toBeVisible();
  await expect(row.getByText(/^Expires/)).toBeVisible();
  expect((await auditRowsFor(vault, checkoutId)).map((r) => `${r.actor} ${r.action}`)).toEqual([`user:${staff.userId} checkout.create`]);
  await expectAxeClean(page, testInfo, "customer page after sending a card link");

  // Cancel from the history too.
  await row.getByRole("button", { name: /^Cancel the link for / }).click();
  await page.getByRole("dialog", { name: "Cancel this link?" }).getByRole("button", { name: "Cancel link" }).click();
  await expect(row.getByText("cancelled", { exact: true })).toBeVisible();
  expect((await getCheckout(api, checkoutId)).state).toBe("cancelled");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(links.getByRole("button", { name: "Send card link" })).toBeVisible();
  await expectAxeClean(page, testInfo, "customer link history on a phone");
});
