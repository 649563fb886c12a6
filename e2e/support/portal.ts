// The portal side of the browser suite: portal users made through lib/
// (support/seed.ts), signing in through the real form, TOTP codes as an
// authenticator app makes them, and the session ageing that the idle rule
// needs (written to the database, as no page can make 15 minutes pass).
import { generate } from "otplib";
import { expect, type Page } from "@playwright/test";
import { executeSql, querySql } from "./database";
import { seedMerchant, seedUser, type SeededUser } from "./seed";
import type { VaultInfo } from "./vaults";

export type PortalUser = SeededUser;

export function cliEnv(vault: VaultInfo): Record<string, string> {
  return { DATABASE_URL: vault.databaseUrl, VAULT_KEYS_FILE: vault.keysFile, PUBLIC_BASE_URL: vault.baseUrl };
}

/** A new user of the demo merchant (or another). */
export function createPortalUser(vault: VaultInfo, role: string, merchantId: number = vault.merchant.merchant_id): Promise<PortalUser> {
  return seedUser(vault, role, merchantId);
}

/** A second merchant, for isolation and for settings no other test may see change. */
export function createMerchant(vault: VaultInfo, name: string): Promise<{ merchant_id: number; api_key: string }> {
  return seedMerchant(vault, name);
}

/** Fills the sign-in form and sends it; does not wait for where it leads. */
export async function submitSignIn(page: Page, vault: VaultInfo, email: string, password: string): Promise<void> {
  if (!page.url().includes("/portal/sign-in")) await page.goto(`${vault.baseUrl}/portal/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in a user without a second factor and waits for the customers page. */
export async function signIn(page: Page, vault: VaultInfo, user: { email: string; password: string }): Promise<void> {
  await submitSignIn(page, vault, user.email, user.password);
  await expect(page).toHaveURL(/\/portal\/customers$/);
}

/** The code an authenticator app shows for `secret` now. */
export function totpCode(secret: string, at = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at / 1000) });
}

/** Makes a user's sessions look idle for `minutes` (the 15-minute rule). */
export async function ageSessions(vault: VaultInfo, userId: number, minutes: number): Promise<void> {
  const past = new Date(Date.now() - minutes * 60_000);
  const changed = await executeSql(
    vault,
    {
      sqlite: `UPDATE "PortalSession" SET "lastSeenAt" = ? WHERE "userId" = ?`,
      postgres: `UPDATE "PortalSession" SET "lastSeenAt" = $1 WHERE "userId" = $2`,
    },
    [vault.database === "sqlite" ? past.toISOString().replace("Z", "+00:00") : past, userId],
  );
  expect(changed, "the user has a session to age").toBeGreaterThan(0);
}

/** The CSRF token the signed-in page carries (for forging requests a page would not make). */
export function csrfOf(page: Page): Promise<string> {
  return page
    .locator('meta[name="vault-csrf"]')
    .getAttribute("content")
    .then((v) => v ?? "");
}

/** The page's own alert (not Next's route announcer, which also has role="alert"). */
export function pageAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

/** Clicks "Sign out" and waits for the sign-in page it leads to. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/portal\/sign-in\?reason=signed_out$/);
}

export type AuditRow = { actor: string; action: string; targetType: string; targetId: string; clientAddress: string | null };

/** A merchant's audit rows (of one action, if given), oldest first. */
export function auditRows(vault: VaultInfo, merchantId: number, action?: string): Promise<AuditRow[]> {
  const columns = `"actor", "action", "targetType", "targetId", "clientAddress"`;
  const byAction = action === undefined ? "" : ` AND "action" = ${vault.database === "sqlite" ? "?" : "$2"}`;
  return querySql<AuditRow>(
    vault,
    {
      sqlite: `SELECT ${columns} FROM "AuditLog" WHERE "merchantId" = ?${byAction} ORDER BY "id"`,
      postgres: `SELECT ${columns} FROM "AuditLog" WHERE "merchantId" = $1${byAction} ORDER BY "id"`,
    },
    action === undefined ? [merchantId] : [merchantId, action],
  );
}
