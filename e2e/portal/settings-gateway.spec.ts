// The gateway settings in the portal: an admin points the merchant at an
// upstream PG gateway (a fake one on loopback, as the e2e server allows
// loopback targets while its PUBLIC_BASE_URL is a loopback URL), tests the
// connection (a real verify of 0 reaching the fake, recorded as a verify),
// and goes back to the sandbox; the CLI sees what the portal saved. A bad URL
// is refused by the field, in the browser or by the server, and changes
// nothing. Each test has a merchant of its own: the gateway is merchant-wide.
import type { Page } from "@playwright/test";
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { querySql } from "../support/database";
import { auditRows, cliEnv, createPortalUser, signIn } from "../support/portal";
import { settingsMerchant } from "../support/portal-settings";
import { runCli } from "../../tests/support/cli";
import { startFakeUpstream, type FakeUpstream } from "../../tests/support/fake-upstream-gateway";

// Long flows (several pages, axe) on a shared two-core machine.
test.describe.configure({ timeout: 240_000 });

const UPSTREAM_MERCHANT_ID = "212000000999";

/** The "Current gateway" panel (its first term is the connector). */
const currentPanel = (page: Page) => page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Current gateway" }) });

let fake: FakeUpstream;
test.beforeAll(async () => {
  fake = await startFakeUpstream();
});
test.afterAll(async () => {
  await fake.close();
});

test("an admin switches to an upstream gateway, tests the connection (a verify of 0 reaches it), and goes back to the sandbox", async ({
  page,
  vault,
}, testInfo) => {
  const m = await settingsMerchant(vault, `Gateway Shop ${Date.now().toString(36)}`);
  const admin = await createPortalUser(vault, "admin", m.merchantId);
  await signIn(page, vault, admin);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Gateway" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gateway" })).toBeVisible();
  const current = currentPanel(page);
  await expect(current.getByRole("definition").first()).toHaveText("Sandbox");
  await expect(current).toContainText("Real time");
  await expectAxeClean(page, testInfo, "gateway, sandbox");

  const form = page.getByRole("form", { name: "Upstream gateway" });
  await form.getByLabel("Upstream URL").fill(fake.url);
  await form.getByLabel("Upstream merchant ID").fill(UPSTREAM_MERCHANT_ID);
  await form.getByLabel("Security key").fill(fake.securityKey);
  await form.getByRole("button", { name: "Save and use this gateway" }).click();
  await expect(form.getByRole("status")).toHaveText(`Saved: transactions now go to ${fake.url}. Test the connection to check it answers.`);
  await expect(current.getByRole("definition").first()).toHaveText("Upstream gateway");
  await expect(current).toContainText(fake.url);
  await expect(current).toContainText(UPSTREAM_MERCHANT_ID);
  await expect(current).toContainText("Set (never shown)");
  await expect(form.getByLabel("Security key")).toHaveValue("");
  await expect(form.getByLabel("Security key")).toHaveAccessibleDescription(/A key is set; it is never shown\. Leave this empty to keep it/);
  expect(await page.content()).not.toContain(fake.securityKey);
  await expectAxeClean(page, testInfo, "gateway, upstream");

  const before = fake.received.length;
  await current.getByRole("button", { name: "Test connection" }).click();
  await expect(current.getByRole("status")).toContainText("Connected: the gateway approved the verify (auth code U12345).");
  const sent = fake.received.slice(before);
  expect(sent.map((r) => r.url)).toEqual(["/pg/verify"]);
  expect(sent[0]!.body).toMatchObject({ merchant_id: Number(UPSTREAM_MERCHANT_ID), card_number: "4111111111111111" });
  expect(sent[0]!.body).not.toHaveProperty("amt_tran");
  const pgId = /Transaction ([0-9a-f]{32})/.exec((await current.getByRole("status").textContent()) ?? "")![1]!;
  const [row] = await querySql<{ type: string; status: string; connector: string; amountMinor: unknown; merchRefNum: string }>(
    vault,
    {
      sqlite: `SELECT "type", "status", "connector", "amountMinor", "merchRefNum" FROM "Transaction" WHERE "pgId" = ?`,
      postgres: `SELECT "type", "status", "connector", "amountMinor", "merchRefNum" FROM "Transaction" WHERE "pgId" = $1`,
    },
    [pgId],
  );
  expect({ ...row, amountMinor: Number(row!.amountMinor) }).toEqual({
    type: "verify",
    status: "A",
    connector: "upstream",
    amountMinor: 0,
    merchRefNum: "portal connection test",
  });
  expect((await auditRows(vault, m.merchantId, "transaction.verify")).map((r) => [r.actor, r.targetId])).toEqual([[`user:${admin.userId}`, pgId]]);
  await expectAxeClean(page, testInfo, "connection approved");

  // Back to the sandbox, confirmed: the upstream's settings and its key are gone.
  await current.getByRole("button", { name: "Switch to the sandbox" }).click();
  const dialog = page.getByRole("dialog", { name: "Switch to the sandbox?" });
  await expect(dialog).toBeVisible();
  await expectAxeClean(page, testInfo, "switch confirmation");
  await dialog.getByRole("button", { name: "Switch now" }).click();
  await expect(dialog).toBeHidden();
  await expect(current.getByRole("definition").first()).toHaveText("Sandbox");
  await expect(current.getByRole("button", { name: "Switch to the sandbox" })).toHaveCount(0);
  expect(runCli(["merchant", "gateway", "--merchant", String(m.merchantId), "--json"], cliEnv(vault))).toMatchObject({
    connector: "sandbox",
    upstream_url: null,
    security_key_set: false,
  });
  expect((await auditRows(vault, m.merchantId, "merchant.gateway")).map((r) => r.actor)).toEqual([`user:${admin.userId}`, `user:${admin.userId}`]);

  // The sandbox answers the test now; nothing more reaches the upstream.
  const afterSwitch = fake.received.length;
  await current.getByRole("button", { name: "Test connection" }).click();
  await expect(current.getByRole("status")).toContainText(/Connected: the gateway approved the verify \(auth code T\d{5}\)\./);
  expect(fake.received.length).toBe(afterSwitch);
});

test("a bad URL gets a field error, from the browser or from the server, and changes nothing", async ({ page, vault }, testInfo) => {
  const m = await settingsMerchant(vault, `Gateway Refused ${Date.now().toString(36)}`);
  // The sandbox's clock, moved by the operator, is shown on the page.
  runCli(["merchant", "gateway", "--merchant", String(m.merchantId), "--advance-clock", "30", "--json"], cliEnv(vault));
  await signIn(page, vault, m.owner);
  await page.goto(`${vault.baseUrl}/portal/settings/gateway`);
  const current = currentPanel(page);
  await expect(current).toContainText("30 hours ahead");

  const form = page.getByRole("form", { name: "Upstream gateway" });
  const url = form.getByLabel("Upstream URL");
  const save = form.getByRole("button", { name: "Save and use this gateway" });
  await form.getByLabel("Upstream merchant ID").fill(UPSTREAM_MERCHANT_ID);
  await form.getByLabel("Security key").fill(fake.securityKey);
  // The shared schema refuses these in the browser; the last one only the server can judge (where the name leads).
  for (const [bad, message] of [
    ["http://gateway.example/pg", /The upstream URL must use https \(http only for localhost\)/],
    ["gateway.example/pg", /The upstream URL must be an absolute URL/],
    ["https://10.1.2.3/pg", /The upstream URL resolves to a private address the vault may not connect to/],
  ] as const) {
    await url.fill(bad);
    await save.click();
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(url).toHaveAccessibleDescription(message);
  }
  await expect(form.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
  await expectAxeClean(page, testInfo, "gateway URL refused");

  await page.reload();
  await expect(current.getByRole("definition").first()).toHaveText("Sandbox");
  expect(await auditRows(vault, m.merchantId, "merchant.gateway")).toEqual([]);
  expect(runCli(["merchant", "gateway", "--merchant", String(m.merchantId), "--json"], cliEnv(vault))).toMatchObject({
    connector: "sandbox",
    upstream_url: null,
  });
});
