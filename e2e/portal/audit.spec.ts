// The audit log viewer in Chromium: filters by actor, action and target type
// (chosen from the names the log records), target and date range (kept in
// the URL), the CSV export of exactly what is shown
// (itself recorded), and only owners and admins may read it.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { createLink } from "../support/api";
import { uniqueCustomerId } from "../support/cards";
import { auditRows, createMerchant, createPortalUser, signIn } from "../support/portal";
import { httpApiClient } from "../../tests/support/http-client";

test.describe.configure({ timeout: 120_000 });

const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

test("an admin filters the audit log by actor, action, target and dates, and exports the same rows as CSV", async ({ page, vault }, testInfo) => {
  // A merchant of its own, so the rows on the page are exactly this test's.
  const merchant = await createMerchant(vault, `Audit Shop ${Date.now().toString(36)}`);
  const admin = await createPortalUser(vault, "admin", merchant.merchant_id);
  const api = httpApiClient(vault.baseUrl, merchant.api_key);
  const first = uniqueCustomerId("AUD");
  const second = uniqueCustomerId("AUD");
  await createLink(api, { customerId: first });
  await createLink(api, { customerId: second });

  await signIn(page, vault, admin);
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  // merchant.create, api_key.create, user.create, user.sign_in, 2 × (customer.create + checkout.create).
  await expect(rows.filter({ hasText: "customer.create" })).toHaveCount(2);
  await expectAxeClean(page, testInfo, "audit log");
  // On a phone the table scrolls sideways: its frame takes focus so the keyboard can scroll it (axe's scrollable-region-focusable).
  await page.setViewportSize({ width: 390, height: 844 });
  const frame = page.getByRole("region", { name: "Audit log entries" });
  await frame.focus();
  await expect(frame).toBeFocused();
  await expectAxeClean(page, testInfo, "audit log on a phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  const filters = page.getByRole("form", { name: "Filter the audit log" });
  // Action and target type are choices of the names the log records, not free text.
  const actions = await filters.getByLabel("Action").locator("option").allTextContents();
  expect(actions[0]).toBe("Any");
  expect(actions).toEqual(expect.arrayContaining(["customer.create", "checkout.create", "checkout.cancel", "user.sign_in"]));
  expect(await filters.getByLabel("Target type").locator("option").allTextContents()).toEqual(expect.arrayContaining(["Any", "customer", "checkout"]));
  await filters.getByLabel("Action").selectOption("customer.create");
  await filters.getByLabel("Target ID").fill(first);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("action") === "customer.create" && url.searchParams.get("targetId") === first);
  await expect(rows).toHaveCount(2); // the header and one entry
  await expect(rows.nth(1)).toContainText(first);

  // Actor: the API key did the customers, the admin signed in.
  await page.goto(`${vault.baseUrl}/portal/audit?actor=user:${admin.userId}`);
  await expect(rows.nth(1)).toContainText("user.sign_in");
  await expect(rows.nth(1)).toContainText(admin.email);
  await expect(rows.filter({ hasText: "customer.create" })).toHaveCount(0);

  // Dates: today holds them all, yesterday none; a malformed date is pointed out.
  await page.goto(`${vault.baseUrl}/portal/audit?targetType=customer&from=${today()}&to=${today()}`);
  await expect(rows).toHaveCount(3);
  await page.goto(`${vault.baseUrl}/portal/audit?targetType=customer&from=${yesterday()}&to=${yesterday()}`);
  await expect(page.getByText("No entries match these filters.")).toBeVisible();
  await page.goto(`${vault.baseUrl}/portal/audit?from=2026-02-30`);
  await expect(page.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
  // A name the log does not record (an old bookmark, a typo in the URL) is pointed out, not searched for.
  await page.goto(`${vault.baseUrl}/portal/audit?action=customer.explode&targetType=customer`);
  await expect(filters.getByLabel("Action")).toHaveAttribute("aria-invalid", "true");
  await expect(filters.getByText("is not an action the log records: pick one from the list")).toBeVisible();
  await expect(filters.getByLabel("Target type")).toHaveValue("customer");
  await expectAxeClean(page, testInfo, "audit log with a filter it does not know");

  // The export carries the filters of the page it is on.
  await page.goto(`${vault.baseUrl}/portal/audit?targetType=customer`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = (await import("node:fs")).readFileSync(file!, "utf8").trim().split("\r\n");
  expect(csv[0]).toBe("created_at,actor,action,target_type,target_id,client_address,request_id");
  expect(
    csv
      .slice(1)
      .map((line) => line.split(",").slice(2, 5).join(" "))
      .sort(),
  ).toEqual([`customer.create customer ${first}`, `customer.create customer ${second}`].sort());
  const audit = await auditRows(vault, merchant.merchant_id);
  expect(audit.at(-1)).toMatchObject({ actor: `user:${admin.userId}`, action: "audit_log.export" });
});

test("staff and viewers cannot read the audit log: 404 for the page, 403 for the export", async ({ page, vault }) => {
  for (const role of ["staff", "viewer"]) {
    const user = await createPortalUser(vault, role);
    await signIn(page, vault, user);
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    expect((await page.goto(`${vault.baseUrl}/portal/audit`))?.status()).toBe(404);
    const status = await page.evaluate(async () => (await fetch("/portal/audit/export")).status);
    expect(status, `${role} export`).toBe(403);
    await page.context().clearCookies();
  }
});
