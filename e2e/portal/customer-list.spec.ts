// The portal's customer list in Chromium: search by name, email,
// customer_id and a card's last four; sortable columns with aria-sort;
// Previous/Next paging; all of it in the URL (back and forward work);
// cards masked exactly as the API masks them. Every test makes its own
// customers with a token of its own and searches for it, so other tests'
// customers on the shared demo merchant never change what it sees.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { masked } from "../support/cards";
import { apiCustomer, apiGetCustomer, expectNoFullNumbers, signInAs } from "../support/portal-customers";

// Each test is a whole workflow (sign in, several pages, API and audit
// checks, axe): more than the suite's 60 s when the shared machine is busy.
test.describe.configure({ timeout: 150_000 });

/** A token only this test's customers carry: letters, so it is also a valid part of a customer_id. */
const token = () =>
  `q${randomBytes(5)
    .toString("hex")
    .replace(/\d/g, (d) => "abcdefghij"[Number(d)]!)}`;

const rows = (page: Page) => page.getByRole("table").locator("tbody tr");
const search = async (page: Page, q: string) => {
  await page.getByLabel("Search customers").fill(q);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const expected = new URLSearchParams({ q }).toString();
  await expect.poll(() => new URL(page.url()).search).toContain(expected);
};

test("search finds customers by name, email, customer_id and a card's last four, with the card masked as the API masks it", async ({
  page,
  vault,
  api,
}, testInfo) => {
  const tok = token();
  const ada = await apiCustomer(api, { customerId: `ID${tok}ADA`, first: `Ada${tok}`, last: "Byron", email: `ada.${tok}@mail.example`, cards: 1 });
  const bob = await apiCustomer(api, { customerId: `ID${tok}BOB`, first: "Bob", last: `Stone${tok}`, email: `bob@${tok}.example`, cards: 2 });
  const cy = await apiCustomer(api, { customerId: `ID${tok}CY`, first: "Cy", last: "Young", firm: `Firm ${tok}` });
  await signInAs(page, vault, "viewer");

  // By name (part of either name, any case): both named customers, and the firm's.
  await search(page, tok.toUpperCase());
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId("page-status")).toHaveText("Page 1 of 1");
  await expectAxeClean(page, testInfo, "customer list with results");

  // By email.
  await search(page, `ada.${tok}@`);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(ada.customerId);

  // By customer_id.
  await search(page, bob.customerId);
  await expect(rows(page)).toHaveCount(1);
  const bobRow = rows(page).first();
  await expect(bobRow).toContainText(`Bob Stone${tok}`);
  // The primary card, exactly as GET /platform/vault/customer shows it.
  const bobApi = (await apiGetCustomer(api, bob.customerId)).data;
  const primary = bobApi.billing_cards.find((c: { primary: boolean }) => c.primary);
  expect(primary.card_number).toBe(masked(bob.cards[0]!.number));
  await expect(bobRow.getByTestId("primary-card")).toHaveText(primary.card_number);
  await expect(bobRow).toContainText("2 cards");
  await expectNoFullNumbers(
    page,
    bob.cards.map((c) => c.number),
  );

  // By a card's last four (other tests' customers may share it; ours is there).
  const lastFour = ada.cards[0]!.number.slice(-4);
  await search(page, lastFour);
  await expect(page.getByRole("row").filter({ hasText: ada.customerId })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: ada.customerId }).getByTestId("primary-card")).toHaveText(masked(ada.cards[0]!.number));

  // A row opens the customer's own page.
  await search(page, cy.customerId);
  await page.getByRole("link", { name: "Cy Young" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${cy.customerId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Cy Young" })).toBeVisible();
});

test("no match says so, and the search lives in the URL: back and forward restore it", async ({ page, vault, api }, testInfo) => {
  const tok = token();
  await apiCustomer(api, { first: `Dora${tok}`, last: "Explorer" });
  await signInAs(page, vault, "staff");

  await search(page, `nobody${tok}`);
  await expect(page.getByRole("status").filter({ hasText: `No customers match “nobody${tok}”.` })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectAxeClean(page, testInfo, "customer list, empty search");

  await search(page, `dora${tok}`);
  await expect(rows(page)).toHaveCount(1);
  await page.goBack();
  await expect(page.getByLabel("Search customers")).toHaveValue(`nobody${tok}`);
  await expect(page.getByRole("status").filter({ hasText: "No customers match" })).toBeVisible();
  await page.goForward();
  await expect(page.getByLabel("Search customers")).toHaveValue(`dora${tok}`);
  await expect(rows(page)).toHaveCount(1);

  // A shared link opens the same list.
  const url = page.url();
  await page.goto(`${vault.baseUrl}/portal/customers`);
  await page.goto(url);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(`Dora${tok}`);
});

test("columns sort both ways (aria-sort says how) and Previous/Next page through 23 customers", async ({ page, vault, api }) => {
  const tok = token();
  const pad = (i: number) => String(i).padStart(2, "0");
  // Names, ids and emails each sort in a known order: emails in the reverse of the names.
  for (let i = 1; i <= 23; i++) {
    await apiCustomer(api, { customerId: `S${tok}${pad(i)}`, first: tok, last: `L${pad(i)}`, email: `${pad(24 - i)}.${tok}@sort.example` });
  }
  await signInAs(page, vault, "viewer");
  await search(page, tok);
  await expect(page.getByTestId("page-status")).toHaveText("Page 1 of 2");
  await expect(rows(page)).toHaveCount(20);
  // Newest first by default.
  const createdHeader = page.getByRole("columnheader", { name: /Added/ });
  await expect(createdHeader).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first()).toContainText(`S${tok}23`);

  const nameHeader = page.getByRole("columnheader", { name: /Name/ });
  await nameHeader.getByRole("link").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(createdHeader).not.toHaveAttribute("aria-sort", /.*/);
  await expect(page).toHaveURL(/sort=name/);
  await expect(rows(page).first()).toContainText(`${tok} L01`);
  await expect(rows(page).nth(19)).toContainText(`${tok} L20`);

  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("page-status")).toHaveText("Page 2 of 2");
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).first()).toContainText(`${tok} L21`);
  await expect(page.getByRole("link", { name: "Next" })).toHaveCount(0);
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByTestId("page-status")).toHaveText("Page 1 of 2");
  await expect(page.getByRole("link", { name: "Previous" })).toHaveCount(0);
  await page.goBack();
  await expect(page.getByTestId("page-status")).toHaveText("Page 2 of 2");

  // The same header again flips the direction, from page 1.
  await nameHeader.getByRole("link").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByTestId("page-status")).toHaveText("Page 1 of 2");
  await expect(rows(page).first()).toContainText(`${tok} L23`);

  const emailHeader = page.getByRole("columnheader", { name: /Email/ });
  await emailHeader.getByRole("link").click();
  await expect(emailHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(rows(page).first()).toContainText(`${tok} L23`);

  const idHeader = page.getByRole("columnheader", { name: /Customer ID/ });
  await idHeader.getByRole("link").click();
  await expect(idHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(rows(page).first()).toContainText(`S${tok}01`);
  await idHeader.getByRole("link").click();
  await expect(idHeader).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first()).toContainText(`S${tok}23`);

  // A search keeps the order and starts again on page 1.
  await page.getByRole("link", { name: "Next" }).click();
  await search(page, `${tok} L0`);
  await expect(idHeader).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByTestId("page-status")).toHaveText("Page 1 of 1");
  await expect(rows(page)).toHaveCount(9);
  await expect(rows(page).first()).toContainText(`S${tok}09`);
});
