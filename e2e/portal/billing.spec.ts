// The portal's billing pages in Chromium: an admin creates a plan, edits it
// in place, saves it as a new version once a subscription is on it, and
// archives it; the Subscriptions list's search and status filter; a
// subscription's page after its merchant's sandbox clock has billed it (its
// next dates, its ledger rows and transactions, a declined cycle waiting
// for its retry); a customer's subscriptions; an owner pausing, resuming,
// changing the card of and cancelling one; and the roles: staff and
// viewers read every billing page but get no billing control, and the
// server refuses their forged requests.
import type { Page } from "@playwright/test";
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { merchantTodayText, moveSandboxClock, seedSubscription } from "../support/billing";
import { auditRows, createPortalUser, pageAlert, signIn } from "../support/portal";
import { apiCustomer, forgeRequest } from "../support/portal-customers";
import { settingsMerchant } from "../support/portal-settings";

// Whole workflows (sign in, several pages, billing runs, API checks, axe): more than the suite's 60 s on a busy machine.
test.describe.configure({ timeout: 180_000 });

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The 15th of the month `monthsAfter` months after `day`'s ("YYYY-MM-DD"), as the pages write it ("15 Aug 2026"). */
function fifteenth(day: string, monthsAfter: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  const at = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsAfter, 15));
  return `15 ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}

/** The first 15th after `day`, as "YYYY-MM-DD": a start date at most a month ahead whose cycles are easy to name. */
function nextFifteenth(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const candidate = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 15));
  if (candidate <= date) candidate.setUTCMonth(candidate.getUTCMonth() + 1);
  return candidate.toISOString().slice(0, 10);
}

/** A day `n` days after "YYYY-MM-DD", as the pages write it. */
function daysAfter(day: string, n: number): string {
  const at = new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000);
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test("an admin creates a plan, edits it in place, and archives it; the API shows each step", async ({ page, vault }, testInfo) => {
  const shop = await settingsMerchant(vault, `Plan Shop ${Date.now().toString(36)}`);
  const admin = await createPortalUser(vault, "admin", shop.merchantId);
  await signIn(page, vault, admin);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByText("No plans yet.")).toBeVisible();
  await page.getByRole("link", { name: "New plan" }).click();
  await expect(page.getByRole("heading", { name: "New plan", level: 1 })).toBeVisible();

  // Nothing typed: each missing field says so.
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(pageAlert(page)).toHaveText("Please correct the highlighted fields.");
  await expect(field(page, "Plan code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Name is required.")).toBeVisible();
  await expectAxeClean(page, testInfo, "new plan form with errors");

  await field(page, "Plan code").fill("GOLD");
  await field(page, "Name").fill("Gold");
  await field(page, "Description").fill("Gold, every month");
  await field(page, "Amount each cycle").fill("19.99");
  await field(page, "Setup fee").fill("5");
  // A weekly plan on a specific day needs its day: the server's rule, shown beside the field.
  await field(page, "Billed").selectOption({ label: "Weekly" });
  await field(page, "Bill on a specific day").check();
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(field(page, "Day of the week")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Day of the week is required when a weekly or bi-weekly plan bills on a specific day.")).toBeVisible();
  await field(page, "Billed").selectOption({ label: "Monthly" });
  await field(page, "Day of the month").selectOption({ label: "the last day" });
  await page.getByRole("button", { name: "Create plan" }).click();

  await expect(page).toHaveURL(/\/portal\/plans\/GOLD\?created=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Plan created." })).toBeVisible();
  await expect(page.getByTestId("plan-terms")).toContainText("$19.99 (USD)");
  await expect(page.getByTestId("plan-terms")).toContainText("on the last day");
  const [created] = (await shop.api.get("/plan/GOLD")).body.data;
  expect(created).toMatchObject({
    plan_code: "GOLD",
    status: "E",
    amt_tran: 19.99,
    amt_setup: 5,
    plan_duration: -1,
    bill_specific_day: true,
    day_of_month: 32,
  });
  await expectAxeClean(page, testInfo, "plan page");

  // No subscription on it: the edit changes this version in place.
  await page.getByRole("link", { name: "Edit plan" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `No subscription is on this version (plan_id ${created.plan_id}), so saving changes it in place.` }),
  ).toBeVisible();
  await field(page, "Amount each cycle").fill("24.50");
  await field(page, "Bill until cancelled").uncheck();
  await field(page, "Number of cycles").fill("12");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/portal\/plans\/GOLD\?saved=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.locator('[data-testid^="version-"]')).toHaveCount(1);
  expect((await shop.api.get("/plan/GOLD")).body.data).toMatchObject([{ plan_id: created.plan_id, amt_tran: 24.5, plan_duration: 12, day_of_month: 32 }]);

  await page.getByRole("button", { name: "Archive" }).click();
  const dialog = page.getByRole("dialog", { name: "Archive plan GOLD?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Archive GOLD" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Plan archived" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit plan" })).toHaveCount(0);
  await expect(page.getByText("This plan has no active version")).toBeVisible();
  expect((await shop.api.get("/plan/GOLD")).body.data).toMatchObject([{ plan_id: created.plan_id, status: "A" }]);

  // The list finds it by part of its code and by status.
  await page.goto(`${vault.baseUrl}/portal/plans?q=GOL&status=A`);
  await expect(page.getByTestId(`plan-${created.plan_id}`)).toContainText("Archived (A)");
  await page.goto(`${vault.baseUrl}/portal/plans?status=E`);
  await expect(page.getByText("No plans match.")).toBeVisible();
  expect((await auditRows(vault, shop.merchantId)).filter((r) => r.action.startsWith("plan.")).map((r) => [r.actor, r.action])).toEqual([
    [`user:${admin.userId}`, "plan.create"],
    [`user:${admin.userId}`, "plan.update"],
    [`user:${admin.userId}`, "plan.archive"],
  ]);
});

test("editing a plan a subscription is on says it makes a new version, and does: the subscription keeps its version", async ({ page, vault }) => {
  const shop = await settingsMerchant(vault, `Version Shop ${Date.now().toString(36)}`);
  const plan = await shop.api.post("/plan", {
    plan_code: "SILVER",
    plan_name: "Silver",
    plan_desc: "Silver",
    plan_frequency: 3,
    plan_duration: -1,
    amt_tran: 9,
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(200);
  const first = plan.body.data.plan_id as number;
  const { customerId } = await apiCustomer(shop.api, { cards: 1 });
  const subscriptionId = await seedSubscription(vault, shop.merchantId, customerId, { planId: first });

  await signIn(page, vault, shop.owner);
  await page.goto(`${vault.baseUrl}/portal/plans/SILVER`);
  await expect(page.getByTestId(`version-${first}`)).toContainText("Current");
  await page.getByRole("link", { name: "Edit plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: `1 subscription is on this version (plan_id ${first}).` })).toContainText("makes a new version");
  await field(page, "Amount each cycle").fill("11");
  await page.getByRole("button", { name: "Save as a new version" }).click();

  await expect(page).toHaveURL(/\/portal\/plans\/SILVER\?versioned=\d+$/);
  const versions = (await shop.api.get("/plan/SILVER")).body.data;
  expect(versions).toMatchObject([
    { plan_id: first, status: "A", amt_tran: 9 },
    { status: "E", amt_tran: 11 },
  ]);
  const second = versions[1].plan_id as number;
  await expect(page.getByRole("status").filter({ hasText: `Saved as a new version, plan_id ${second}.` })).toBeVisible();
  await expect(page.getByTestId(`version-${second}`)).toContainText("Current");
  await expect(page.getByTestId(`version-${first}`)).toContainText("Archived (A)");
  // Subscriptions per version: the old one keeps its subscriber.
  await expect(page.getByTestId(`version-${first}`).getByRole("cell").last()).toHaveText("1");
  await expect(page.getByTestId(`version-${second}`).getByRole("cell").last()).toHaveText("0");
  await page.goto(`${vault.baseUrl}/portal/subscriptions/${subscriptionId}`);
  await expect(page.getByTestId("subscription-terms")).toContainText(`(plan_id ${first})`);
  await expect(page.getByTestId("subscription-terms")).toContainText("$9.00");
});

test("the Subscriptions list searches and filters; a billed subscription's page shows its next dates, ledger and transactions", async ({
  page,
  vault,
}, testInfo) => {
  const shop = await settingsMerchant(vault, `Billing Shop ${Date.now().toString(36)}`);
  const { customerId, cards } = await apiCustomer(shop.api, { first: "Mary", last: "Jackson", cards: 1 });
  const other = await apiCustomer(shop.api, { cards: 1 });
  const start = nextFifteenth(await merchantTodayText(vault, shop.merchantId));
  const monthly = (amountMinor: bigint) => ({ terms: { amountMinor, dateStart: start } });
  const paid = await seedSubscription(vault, shop.merchantId, customerId, { cardId: cards[0]!.cardId, ...monthly(1000n) });
  // The sandbox declines an amount ending in .05 (005, a soft decline): retried 1, 3 and 5 days after the cycle's date.
  const declined = await seedSubscription(vault, shop.merchantId, customerId, monthly(1005n));
  const paused = await seedSubscription(vault, shop.merchantId, customerId, { ...monthly(2000n), status: "P" });
  const cancelled = await seedSubscription(vault, shop.merchantId, other.customerId, { ...monthly(3000n), status: "C" });

  // The start day, then the day after: cycle 1 paid, and the declined one tried twice.
  await moveSandboxClock(vault, shop.merchantId, { date: start });
  const moved = await moveSandboxClock(vault, shop.merchantId, { advance_days: 1 });
  expect(moved).toMatchObject({ charges: 0, declines: 1 });

  await signIn(page, vault, shop.owner);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Subscriptions" }).click();
  const rows = page.locator('[data-testid^="subscription-"]');
  await expect(rows).toHaveCount(4);
  await field(page, "Status").selectOption("P");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/status=P/);
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId(`subscription-${paused}`)).toContainText("Paused (P)");
  await page.goto(`${vault.baseUrl}/portal/subscriptions?status=C`);
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId(`subscription-${cancelled}`)).toContainText(other.customerId);
  await page.goto(`${vault.baseUrl}/portal/subscriptions?q=${customerId}`);
  await expect(rows).toHaveCount(3);
  await page.goto(`${vault.baseUrl}/portal/subscriptions?q=${declined}`);
  await expect(rows).toHaveCount(1);
  await page.goto(`${vault.baseUrl}/portal/subscriptions?q=${customerId}&status=A`);
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId(`subscription-${paid}`)).toContainText(fifteenth(start, 1));
  await expectAxeClean(page, testInfo, "subscriptions list");

  // The paid one: its next cycles on the 15th, one approved ledger row, and its sale.
  await page
    .getByTestId(`subscription-${paid}`)
    .getByRole("link", { name: String(paid), exact: true })
    .click();
  await expect(page.getByRole("heading", { name: `Subscription ${paid}`, level: 1 })).toBeVisible();
  const upcoming = page.getByTestId("upcoming-charge");
  await expect(upcoming).toHaveCount(6);
  await expect(upcoming.first()).toContainText(`${fifteenth(start, 1)}Cycle 2$10.00`);
  await expect(upcoming.nth(1)).toContainText(`${fifteenth(start, 2)}Cycle 3`);
  await expect(page.getByTestId("ledger-row")).toHaveCount(1);
  await expect(page.getByTestId("ledger-row")).toContainText(`Cycle 1${fifteenth(start, 0)}0$10.00Approved000`);
  await expect(page.getByTestId("subscription-transaction")).toHaveCount(1);
  // Sold on the cycle's day, and settled when the clock passed that day's midnight.
  await expect(page.getByTestId("subscription-transaction")).toContainText(`Settled (S)sale$10.00Approved`);
  await expect(page.getByTestId("subscription-terms")).toContainText(cards[0]!.number.slice(-4));
  await expectAxeClean(page, testInfo, "subscription page");
  await page.getByTestId("ledger-row").getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Sale of $10.00" })).toBeVisible();
  await expect(page.getByTestId("transaction-details")).toContainText(`sub-${paid}-cycle-1-try-0`);

  // The declined one: two declined attempts at cycle 1, and its second retry due 3 days after the cycle's date.
  await page.goto(`${vault.baseUrl}/portal/subscriptions/${declined}`);
  await expect(page.getByTestId("ledger-row")).toHaveCount(2);
  for (const row of await page.getByTestId("ledger-row").all()) await expect(row).toContainText("Declined005");
  await expect(page.getByTestId("subscription-transaction")).toHaveCount(2);
  await expect(upcoming.first()).toContainText(`${daysAfter(start, 3)}Cycle 1, retry 2 of 3 (due ${fifteenth(start, 0)})`);
  await expect(page.getByTestId("subscription-terms")).toContainText("the customer's primary card");

  // The paused one: nothing to come while paused.
  await page.goto(`${vault.baseUrl}/portal/subscriptions/${paused}`);
  await expect(page.getByText("Paused: nothing is charged. Resuming skips the cycles missed meanwhile.")).toBeVisible();
  await expect(upcoming).toHaveCount(0);

  // The customer's page lists its own three.
  await page.goto(`${vault.baseUrl}/portal/customers/${customerId}`);
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId(`subscription-${cancelled}`)).toHaveCount(0);
  // Another merchant's subscription, or none, is the 404 page.
  expect((await page.goto(`${vault.baseUrl}/portal/subscriptions/999999999`))?.status()).toBe(404);
});

test("an owner pauses, resumes, changes the card of and cancels a subscription, each after a confirmation", async ({ page, vault }, testInfo) => {
  const shop = await settingsMerchant(vault, `Action Shop ${Date.now().toString(36)}`);
  const { customerId, cards } = await apiCustomer(shop.api, { cards: 2 });
  const plan = await shop.api.post("/plan", { plan_code: "PLUS", plan_name: "Plus", plan_desc: "Plus", plan_frequency: 3, plan_duration: -1, amt_tran: 12 });
  const added = await shop.api.post("/subscription", {
    customer_id: customerId,
    plan_code: "PLUS",
    date_start: await merchantTodayText(vault, shop.merchantId),
    card_id: cards[0]!.cardId,
  });
  expect([plan.status, added.status], JSON.stringify(added.body)).toEqual([200, 200]);
  const id = added.body.data.subscription_id as number;
  const apiStatus = async () => (await shop.api.get(`/subscription/${id}`)).body.data;

  await signIn(page, vault, shop.owner);
  await page.goto(`${vault.baseUrl}/portal/subscriptions/${id}`);
  await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
  await expectAxeClean(page, testInfo, "subscription page with its actions");

  // Cancel in the dialog changes nothing.
  await page.getByRole("button", { name: "Pause" }).click();
  const pause = page.getByRole("dialog", { name: `Pause subscription ${id}?` });
  await pause.getByRole("button", { name: "Cancel" }).click();
  await expect(pause).toBeHidden();
  expect(await apiStatus()).toMatchObject({ status: "A" });
  await page.getByRole("button", { name: "Pause" }).click();
  await pause.getByRole("button", { name: "Pause subscription" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Subscription paused." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Paused (P)");
  expect(await apiStatus()).toMatchObject({ status: "P" });

  await page.getByRole("button", { name: "Resume" }).click();
  const resume = page.getByRole("dialog", { name: `Resume subscription ${id}?` });
  await expect(resume).toContainText("the cycles missed while it was paused are skipped");
  await resume.getByRole("button", { name: "Resume subscription" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Subscription resumed." })).toBeVisible();
  expect(await apiStatus()).toMatchObject({ status: "A" });

  // The card: the customer's other one, then the primary card at each charge.
  await page.getByRole("button", { name: "Change card" }).click();
  const change = page.getByRole("dialog", { name: `Change the card subscription ${id} charges?` });
  await expect(change.getByRole("radio", { name: new RegExp(cards[0]!.number.slice(-4)) })).toBeChecked();
  await change.getByRole("radio", { name: new RegExp(cards[1]!.number.slice(-4)) }).check();
  await change.getByRole("button", { name: "Charge this card" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Card changed" })).toBeVisible();
  await expect(page.getByTestId("subscription-terms")).toContainText(cards[1]!.number.slice(-4));
  expect(await apiStatus()).toMatchObject({ card_id: cards[1]!.cardId });
  await page.getByRole("button", { name: "Change card" }).click();
  await change.getByRole("radio", { name: "The customer's primary card, at each charge" }).check();
  await change.getByRole("button", { name: "Charge this card" }).click();
  await expect(page.getByTestId("subscription-terms")).toContainText("the customer's primary card");
  expect(await apiStatus()).toMatchObject({ card_id: "" });

  await page.getByRole("button", { name: "Cancel subscription" }).click();
  const cancel = page.getByRole("dialog", { name: `Cancel subscription ${id}?` });
  await expect(cancel).toContainText("cannot be resumed");
  await cancel.getByRole("button", { name: "Cancel subscription" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Subscription cancelled." })).toBeVisible();
  await expect(page.getByRole("button", { name: /Pause|Resume|Change card|Cancel subscription/ })).toHaveCount(0);
  expect(await apiStatus()).toMatchObject({ status: "C" });
  const owner = `user:${shop.owner.userId}`;
  expect((await auditRows(vault, shop.merchantId)).filter((r) => r.actor === owner && r.action.startsWith("subscription.")).map((r) => r.action)).toEqual([
    "subscription.pause",
    "subscription.resume",
    "subscription.update",
    "subscription.update",
    "subscription.cancel",
  ]);
});

for (const role of ["staff", "viewer"] as const) {
  test(`a ${role} reads plans and subscriptions with no billing control, and the server refuses each forged change (403)`, async ({ page, vault }) => {
    const shop = await settingsMerchant(vault, `Read Shop ${role} ${Date.now().toString(36)}`);
    const plan = await shop.api.post("/plan", {
      plan_code: "BASIC",
      plan_name: "Basic",
      plan_desc: "Basic",
      plan_frequency: 3,
      plan_duration: -1,
      amt_tran: 5,
    });
    const { customerId } = await apiCustomer(shop.api, { cards: 1 });
    const subscriptionId = await seedSubscription(vault, shop.merchantId, customerId, { planId: plan.body.data.plan_id });
    const user = await createPortalUser(vault, role, shop.merchantId);
    await signIn(page, vault, user);

    await page.goto(`${vault.baseUrl}/portal/plans`);
    await expect(page.getByRole("link", { name: "BASIC" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New plan" })).toHaveCount(0);
    await page.goto(`${vault.baseUrl}/portal/plans/BASIC`);
    await expect(page.getByRole("heading", { name: "Basic", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit plan" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
    await page.goto(`${vault.baseUrl}/portal/subscriptions/${subscriptionId}`);
    await expect(page.getByRole("heading", { name: `Subscription ${subscriptionId}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("button")).toHaveText(["Sign out"]);
    for (const path of ["/portal/plans/new", "/portal/plans/BASIC/edit"]) expect((await page.goto(`${vault.baseUrl}${path}`))?.status(), path).toBe(404);

    await page.goto(`${vault.baseUrl}/portal/plans`);
    const forged: [string, string, unknown][] = [
      ["POST", "/portal/api/plans", { plan_code: "FORGED", plan_name: "F", plan_desc: "F", plan_frequency: "3", amt_tran: "1" }],
      ["PUT", "/portal/api/plans/BASIC", { plan_name: "Forged" }],
      ["POST", "/portal/api/plans/BASIC/archive", {}],
      ["POST", `/portal/api/subscriptions/${subscriptionId}/pause`, { customer_id: customerId }],
      ["POST", `/portal/api/subscriptions/${subscriptionId}/resume`, { customer_id: customerId }],
      ["POST", `/portal/api/subscriptions/${subscriptionId}/cancel`, { customer_id: customerId }],
      ["PUT", `/portal/api/subscriptions/${subscriptionId}/card`, { card_id: "" }],
    ];
    for (const [method, path, body] of forged) {
      const answer = await forgeRequest(page, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body).toMatchObject({ message: "Your role does not allow this." });
    }
    expect((await shop.api.get("/plan/BASIC")).body.data).toMatchObject([{ plan_name: "Basic", status: "E" }]);
    expect((await shop.api.get(`/subscription/${subscriptionId}`)).body.data).toMatchObject({ status: "A" });
    // Nothing was recorded under their name but signing in.
    expect((await auditRows(vault, shop.merchantId)).filter((r) => r.actor === `user:${user.userId}`).map((r) => r.action)).toEqual(["user.sign_in"]);
  });
}
