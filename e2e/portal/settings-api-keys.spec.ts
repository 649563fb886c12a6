// API keys in the portal's settings: a key is created with a label and
// shown once (it works against /platform at once), the list shows prefix,
// label and dates but never the key, and revoking it (after a confirmation)
// makes the API answer 401. Each test has a merchant of its own.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { auditRows, signIn } from "../support/portal";
import { settingsMerchant } from "../support/portal-settings";
import { httpApiClient } from "../../tests/support/http-client";

// Long flows (several pages, axe) on a shared two-core machine.
test.describe.configure({ timeout: 240_000 });

test("an owner creates an API key, shown once, that works against the API; revoking it makes the API answer 401", async ({ page, vault }, testInfo) => {
  const m = await settingsMerchant(vault, `Key Shop ${Date.now().toString(36)}`);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, vault, m.owner);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  // The merchant's first key, made with the merchant, is listed by its prefix only.
  await expect(page.getByRole("row").filter({ hasText: "initial" })).toContainText(m.apiKey.slice(0, 10));
  await expect(page.getByText(m.apiKey)).toHaveCount(0);
  await expectAxeClean(page, testInfo, "API keys");

  // A label is required, and said so by the field.
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByLabel("Label")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Label")).toHaveAccessibleDescription(/Enter a label/);
  await expectAxeClean(page, testInfo, "API key label error");

  await page.getByLabel("Label").fill("Reporting server");
  await page.getByRole("button", { name: "Create API key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^cvk_[A-Za-z0-9_-]{43}$/);
  const key = (await shown.textContent())!.trim();
  await expect(page.getByText("Copy it now: you won’t see it again.")).toBeVisible();
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await expectAxeClean(page, testInfo, "API key shown once");

  const client = httpApiClient(vault.baseUrl, key);
  const before = await client.get("/vault/customer");
  expect(before.status, JSON.stringify(before.body)).toBe(200);

  // Shown once: after a reload only its prefix is left, and its last use shows.
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: "Reporting server" });
  await expect(row).toContainText(`${key.slice(0, 10)}…`);
  await expect(row).toContainText("Active");
  await expect(row.getByRole("cell").nth(3)).not.toHaveText("Never");

  // Revoking asks first; Cancel (or Escape) changes nothing.
  await row.getByRole("button", { name: "Revoke Reporting server" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke Reporting server?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAxeClean(page, testInfo, "revoke confirmation");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await client.get("/vault/customer")).status).toBe(200);

  await row.getByRole("button", { name: "Revoke Reporting server" }).click();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  const after = await client.get("/vault/customer");
  expect(after.status).toBe(401);
  // The merchant's other key still works.
  expect((await m.api.get("/vault/customer")).status).toBe(200);

  for (const action of ["api_key.create", "api_key.revoke"]) {
    const rows = await auditRows(vault, m.merchantId, action);
    expect(rows.at(-1), action).toMatchObject({ actor: `user:${m.owner.userId}`, targetType: "api_key" });
    expect(rows.at(-1)?.clientAddress, `${action} records where from`).toBeTruthy();
  }
});
