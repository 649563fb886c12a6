// The portal's Account Updater in Chromium: an owner enrols the merchant
// with a harvest day (a day outside 1-28 refused beside the field), changes
// it and unenrols after a confirmation; an admin holds a card on its
// customer's page and releases it, each after a confirmation, and sees both
// in the card's history; a request's page lists its cards masked with the
// network's answer and its rejected cards, and the answer shows in the
// card's history; a viewer reads all of it but gets no control, and the
// server refuses the viewer's forged requests.
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { seedCardIdRequest, storeAnswer } from "../support/account-updater";
import { masked } from "../support/cards";
import { auditRows, createPortalUser, pageAlert, signIn } from "../support/portal";
import { apiCustomer, expectNoFullNumbers, forgeRequest } from "../support/portal-customers";
import { settingsMerchant } from "../support/portal-settings";

// Whole workflows (sign in, several pages, audit checks, axe): more than the suite's 60 s on a busy machine.
test.describe.configure({ timeout: 150_000 });

const enrolmentLine = (page: Page) => page.getByTestId("au-enrolment");

/** The card's Account Updater block on its customer's page, its history opened. */
async function cardUpdater(page: Page, number: string): Promise<Locator> {
  const block = page
    .getByTestId("card")
    .filter({ hasText: masked(number) })
    .getByTestId("card-account-updater");
  const details = block.locator("details");
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await block.locator("summary").click();
  return block;
}

test("an owner enrols with a harvest day, changes it, and unenrols after a confirmation", async ({ page, vault }, testInfo) => {
  const shop = await settingsMerchant(vault, `AU Shop ${Date.now().toString(36)}`);
  await signIn(page, vault, shop.owner);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Account Updater" }).click();
  await expect(page.getByRole("heading", { name: "Account Updater", level: 1 })).toBeVisible();
  await expect(enrolmentLine(page)).toHaveText("Not enrolled: no card of yours is sent to the networks.");
  await expect(page.getByText("No requests yet.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Unenrol" })).toHaveCount(0);

  // A day February does not have: refused in the browser, beside the field, before anything is sent.
  const day = page.getByLabel("Harvest day");
  await day.fill("31");
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  await expect(pageAlert(page)).toHaveText("Please correct the highlighted fields.");
  await expect(day).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The harvest day must be a whole number from 1 to 28.")).toBeVisible();
  await expectAxeClean(page, testInfo, "enrolment form with an error");
  expect(await auditRows(vault, shop.merchantId, "account_updater.enrol")).toEqual([]);

  await day.fill("15");
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Enrolled: the monthly harvest runs on day 15 of each month." })).toBeVisible();
  await expect(enrolmentLine(page)).toHaveText("Enrolled: your eligible cards are sent on day 15 of each month.");
  // Saved: a fresh load reads it back.
  await page.reload();
  await expect(enrolmentLine(page)).toHaveText("Enrolled: your eligible cards are sent on day 15 of each month.");
  await expect(page.getByLabel("Harvest day")).toHaveValue("15");
  await expectAxeClean(page, testInfo, "account updater page, enrolled");

  await page.getByLabel("Harvest day").fill("28");
  await page.getByRole("button", { name: "Save harvest day" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: the monthly harvest runs on day 28 of each month." })).toBeVisible();
  await expect(enrolmentLine(page)).toContainText("day 28 of each month");

  await page.getByRole("button", { name: "Unenrol" }).click();
  const dialog = page.getByRole("dialog", { name: "Unenrol from the Account Updater?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Unenrol" }).click();
  await expect(dialog).toBeHidden();
  await expect(enrolmentLine(page)).toHaveText("Not enrolled: no card of yours is sent to the networks.");
  await expect(page.getByRole("button", { name: "Enrol", exact: true })).toBeVisible();

  const actor = `user:${shop.owner.userId}`;
  expect((await auditRows(vault, shop.merchantId)).filter((r) => r.action.startsWith("account_updater.")).map((r) => [r.actor, r.action])).toEqual([
    [actor, "account_updater.enrol"],
    [actor, "account_updater.enrol"],
    [actor, "account_updater.unenrol"],
  ]);
});

test("an admin holds a card on its customer's page and releases it; both show in the card's history", async ({ page, vault }, testInfo) => {
  const shop = await settingsMerchant(vault, `AU Hold Shop ${Date.now().toString(36)}`);
  const admin = await createPortalUser(vault, "admin", shop.merchantId);
  const { customerId, cards } = await apiCustomer(shop.api, { first: "Grace", last: "Hopper", cards: 2 });
  const [card, other] = cards as [{ cardId: string; number: string }, { cardId: string; number: string }];
  const ending = card.number.slice(-4);
  await signIn(page, vault, admin);
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);

  let block = await cardUpdater(page, card.number);
  await expect(block.getByTestId("au-hold-state")).toHaveText("sent to the networks in harvests and requests");
  await expect(block.getByText("Never sent to the Account Updater, held or released.")).toBeVisible();

  await page.getByRole("button", { name: `Hold card ending ${ending} from the Account Updater` }).click();
  const hold = page.getByRole("dialog", { name: `Hold the card ending ${ending}?` });
  await expect(hold).toContainText(masked(card.number));
  await hold.getByRole("button", { name: "Hold card" }).click();
  await expect(hold).toBeHidden();

  block = await cardUpdater(page, card.number);
  await expect(block.getByTestId("au-hold-state")).toHaveText("on hold, held by the merchant; not sent to the networks");
  await expect(block.getByTestId("au-history-hold")).toContainText("Put on hold: held by the merchant");
  // Only that card: the customer's other card is still sent.
  await expect((await cardUpdater(page, other.number)).getByTestId("au-hold-state")).toHaveText("sent to the networks in harvests and requests");
  await expectAxeClean(page, testInfo, "customer page with a held card and its history");

  await page.getByRole("button", { name: `Release card ending ${ending} for the Account Updater` }).click();
  const release = page.getByRole("dialog", { name: `Release the card ending ${ending}?` });
  await release.getByRole("button", { name: "Release card" }).click();
  await expect(release).toBeHidden();

  block = await cardUpdater(page, card.number);
  await expect(block.getByTestId("au-hold-state")).toHaveText("sent to the networks in harvests and requests");
  await expect(block.getByRole("row")).toHaveCount(3); // the header, then newest first
  await expect(block.getByRole("row").nth(1)).toContainText("Released: sent again in harvests");
  await expect(block.getByRole("row").nth(2)).toContainText("Put on hold: held by the merchant");
  await expectNoFullNumbers(page, [card.number, other.number]);

  const actor = `user:${admin.userId}`;
  expect((await auditRows(vault, shop.merchantId)).filter((r) => r.action.startsWith("card.au_")).map((r) => [r.actor, r.action, r.targetId])).toEqual([
    [actor, "card.au_hold", card.cardId],
    [actor, "card.au_release", card.cardId],
  ]);
});

test("a request's page shows its cards masked with the network's answer and its rejected cards; a viewer reads it all without controls", async ({
  page,
  vault,
}, testInfo) => {
  const shop = await settingsMerchant(vault, `AU Request Shop ${Date.now().toString(36)}`);
  const { customerId, cards } = await apiCustomer(shop.api, { first: "Katherine", last: "Johnson", cards: 2 });
  const [updated, waiting] = cards as [{ cardId: string; number: string }, { cardId: string; number: string }];
  const unknown = "f".repeat(32);
  const requestId = await seedCardIdRequest(vault, shop.merchantId, [updated.cardId, waiting.cardId], [unknown]);
  await storeAnswer(vault, requestId, updated.cardId, { reasonCode: "202", maskedNumberNew: "400000xxxxxx0036", applied: "updated" });

  const viewer = await createPortalUser(vault, "viewer", shop.merchantId);
  await signIn(page, vault, viewer);
  await page.goto(`${vault.baseUrl}/portal/account-updater`);
  await expect(page.getByLabel("Harvest day")).toHaveCount(0);
  const row = page.getByTestId(`au-request-${requestId}`);
  await expect(row).toContainText("Cards by card_id (harvest_card_id)");
  await expect(row).toContainText("In progress (INPROGRESS)");
  // Sent, answers, updates, rejected.
  await expect(row.getByRole("cell").nth(5)).toHaveText("2");
  await expect(row.getByRole("cell").nth(6)).toHaveText("1");
  await expect(row.getByRole("cell").nth(7)).toHaveText("1");
  await expect(row.getByRole("cell").nth(8)).toHaveText("1");

  await row.getByRole("link", { name: String(requestId) }).click();
  await expect(page.getByRole("heading", { name: `Request ${requestId}`, level: 1 })).toBeVisible();
  const results = page.locator('[data-testid^="au-result-"]');
  await expect(results).toHaveCount(2);
  await expect(results.nth(0)).toContainText(masked(updated.number));
  await expect(results.nth(0)).toContainText("202 Account number updated");
  await expect(results.nth(0)).toContainText("400000xxxxxx0036");
  await expect(results.nth(0)).toContainText("Card updated");
  await expect(results.nth(1)).toContainText(masked(waiting.number));
  await expect(results.nth(1)).toContainText("Awaiting the network's answer");
  await expect(page.getByTestId("au-rejected")).toHaveText(`${unknown}Invalid card id. Card not found.`);
  await expectNoFullNumbers(page, [updated.number, waiting.number]);
  await expectAxeClean(page, testInfo, "account updater request page");

  // The card's link leads to its customer, where the answer is in the card's history; a viewer has no Hold button.
  await results.nth(0).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/portal/customers/${customerId}$`));
  const block = await cardUpdater(page, updated.number);
  await expect(block.getByTestId("au-history-answer")).toContainText("Answer 202 Account number updated");
  await expect(block.getByTestId("au-history-answer")).toContainText("new number 400000xxxxxx0036");
  await expect(page.getByRole("button", { name: /^Hold card ending/ })).toHaveCount(0);

  // What the viewer's devtools could send is refused on the server, and changes nothing.
  expect((await forgeRequest(page, "POST", `/portal/api/account-updater/cards/${updated.cardId}/hold`)).status).toBe(403);
  expect((await forgeRequest(page, "POST", "/portal/api/account-updater/enrolment", { enrolled: true, harvest_day: "5" })).status).toBe(403);
  await page.reload();
  await expect((await cardUpdater(page, updated.number)).getByTestId("au-hold-state")).toHaveText("sent to the networks in harvests and requests");
  await page.goto(`${vault.baseUrl}/portal/account-updater`);
  await expect(enrolmentLine(page)).toHaveText("Not enrolled: no card of yours is sent to the networks.");

  // Another merchant's request is not found.
  const other = await settingsMerchant(vault, `AU Other Shop ${Date.now().toString(36)}`);
  await page.goto(`${vault.baseUrl}/portal/account-updater/${requestId}`);
  await expect(page.getByRole("heading", { name: `Request ${requestId}` })).toBeVisible();
  const response = await page.context().request.get(`${vault.baseUrl}/portal/account-updater/${await seedCardIdRequest(vault, other.merchantId, [])}`);
  expect(response.status()).toBe(404);
});
