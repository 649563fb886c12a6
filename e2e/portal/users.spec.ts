// Portal users in Chromium: an owner invites someone, who sets a password
// through the one-time link and signs in; the owner changes their role and
// removes them (their session ends at once); the last owner cannot be
// demoted; only owners manage users, on the page and on the server.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { forgetSignInFailures } from "../support/database";
import { auditRows, createMerchant, createPortalUser, csrfOf, pageAlert, signIn, signOut, submitSignIn } from "../support/portal";

// Multi-step flows (several sign-ins, scrypt at each) on a machine shared with the rest of the suite.
test.describe.configure({ timeout: 120_000 });

test("an owner invites a user, who chooses a password through the link (once) and signs in", async ({ page, browser, vault }, testInfo) => {
  const merchant = await createMerchant(vault, `Invite Shop ${Date.now().toString(36)}`);
  const owner = await createPortalUser(vault, "owner", merchant.merchant_id);
  await signIn(page, vault, owner);
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expectAxeClean(page, testInfo, "users page");

  const email = `new-${Date.now().toString(36)}@shop.example`;
  const form = page.getByRole("form", { name: "Invite a user" });
  await form.getByLabel("Email").fill("not an email");
  await form.getByRole("button", { name: "Create invitation" }).click();
  await expect(form.getByText("must be an email address")).toBeVisible();
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("staff");
  await form.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("copy-value").textContent())!.trim();
  expect(link).toMatch(new RegExp(`^${vault.baseUrl}/portal/invite/[A-Za-z0-9_-]+$`));
  await expect(page.getByRole("listitem").filter({ hasText: email })).toBeVisible();

  // The invitee, in a browser of their own.
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`signing in as ${email}`)).toBeVisible();
  await expectAxeClean(invitee, testInfo, "invitation page");
  await invitee.getByLabel("New password").fill("a-new-password-123");
  await invitee.getByLabel("Repeat the password").fill("a-different-one-123");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await expect(invitee.getByText("The two passwords differ")).toBeVisible();
  await invitee.getByLabel("Repeat the password").fill("a-new-password-123");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await expect(invitee).toHaveURL(/\/portal\/sign-in\?reason=invited$/);
  await signIn(invitee, vault, { email, password: "a-new-password-123" });
  await expect(invitee.getByText(email)).toBeVisible();
  // The link is spent.
  await invitee.goto(link);
  await expect(pageAlert(invitee)).toContainText("expired or was already used");
  await invitee.context().close();

  const audit = await auditRows(vault, merchant.merchant_id);
  expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(["user.invite", "user.create"]));
  expect(audit.find((r) => r.action === "user.invite")?.actor).toBe(`user:${owner.userId}`);
  expect(audit.filter((r) => r.action === "user.create").at(-1)?.actor).toBe(`invite:user:${owner.userId}`);
});

test("a revoked invitation's link stops working", async ({ page, browser, vault }) => {
  const merchant = await createMerchant(vault, `Revoke Shop ${Date.now().toString(36)}`);
  const owner = await createPortalUser(vault, "owner", merchant.merchant_id);
  await signIn(page, vault, owner);
  await page.goto(`${vault.baseUrl}/portal/settings/users`);
  const email = `revoked-${Date.now().toString(36)}@shop.example`;
  const form = page.getByRole("form", { name: "Invite a user" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("copy-value").textContent())!.trim();
  await page.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
  await page.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await expect(pageAlert(other)).toContainText("expired or was already used");
  await other.context().close();
});

test("an owner changes a user's role and removes them; a removed user's session ends at once", async ({ page, browser, vault }, testInfo) => {
  const merchant = await createMerchant(vault, `Roles Shop ${Date.now().toString(36)}`);
  const owner = await createPortalUser(vault, "owner", merchant.merchant_id);
  const staff = await createPortalUser(vault, "staff", merchant.merchant_id);
  const staffPage = await (await browser.newContext()).newPage();
  await signIn(staffPage, vault, staff);
  await expect(staffPage.getByText("staff", { exact: true })).toBeVisible();

  await signIn(page, vault, owner);
  await page.goto(`${vault.baseUrl}/portal/settings/users`);
  await page.getByLabel(`Role for ${staff.email}`, { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: `Change role for ${staff.email}` }).click();
  await expect(page.getByTestId(`user-${staff.email}`).getByRole("status")).toHaveText("Role changed to viewer.");
  await staffPage.reload();
  await expect(staffPage.getByText("viewer", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: `Remove ${staff.email}` }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAxeClean(page, testInfo, "remove-user dialog");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId(`user-${staff.email}`)).toBeVisible();
  await page.getByRole("button", { name: `Remove ${staff.email}` }).click();
  await page.getByRole("button", { name: "Remove user" }).click();
  await expect(page.getByTestId(`user-${staff.email}`)).toHaveCount(0);
  await staffPage.reload();
  await expect(staffPage).toHaveURL(/\/portal\/sign-in$/);
  await staffPage.context().close();

  const audit = await auditRows(vault, merchant.merchant_id);
  const mine = audit.filter((r) => r.actor === `user:${owner.userId}` && r.targetId === String(staff.userId)).map((r) => r.action);
  expect(mine).toEqual(["user.role_change", "user.remove"]);
});

test("an owner sees that a user is locked and unlocks them, who then signs in at once", async ({ page, browser, vault }, testInfo) => {
  await forgetSignInFailures(vault);
  const merchant = await createMerchant(vault, `Unlock Shop ${Date.now().toString(36)}`);
  const owner = await createPortalUser(vault, "owner", merchant.merchant_id);
  const staff = await createPortalUser(vault, "staff", merchant.merchant_id);
  // Someone guesses at the staff member's password until the account locks.
  const staffPage = await (await browser.newContext()).newPage();
  for (let i = 0; i < 10; i++) {
    await submitSignIn(staffPage, vault, staff.email, `a-wrong-guess-${i}`);
    await expect(pageAlert(staffPage)).toContainText("do not match");
  }

  await signIn(page, vault, owner);
  await page.goto(`${vault.baseUrl}/portal/settings/users`);
  const row = page.getByTestId(`user-${staff.email}`);
  await expect(row.getByText(/^Locked until /)).toBeVisible();
  // Only a locked user's row has the button.
  await expect(page.getByTestId(`user-${owner.email}`).getByRole("button", { name: /^Unlock/ })).toHaveCount(0);
  await expectAxeClean(page, testInfo, "users page with a locked user");
  await row.getByRole("button", { name: `Unlock ${staff.email}` }).click();
  await expect(row.getByRole("status")).toHaveText(`${staff.email} is unlocked and can sign in again.`);
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Unlock ${staff.email}` })).toHaveCount(0);

  await signIn(staffPage, vault, staff);
  await staffPage.context().close();
  const unlocks = await auditRows(vault, merchant.merchant_id, "user.unlock");
  expect(unlocks.map((r) => [r.actor, r.targetId])).toEqual([[`user:${owner.userId}`, String(staff.userId)]]);
});

test("the last owner cannot demote themselves", async ({ page, vault }) => {
  const merchant = await createMerchant(vault, `Owner Shop ${Date.now().toString(36)}`);
  const owner = await createPortalUser(vault, "owner", merchant.merchant_id);
  await signIn(page, vault, owner);
  await page.goto(`${vault.baseUrl}/portal/settings/users`);
  await page.getByLabel(`Role for ${owner.email}`, { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: `Change role for ${owner.email}` }).click();
  await expect(pageAlert(page)).toContainText("owner");
  await page.reload();
  await expect(page.getByLabel(`Role for ${owner.email}`, { exact: true })).toHaveValue("owner");
});

test("only owners manage users: an admin gets 404 for the page and 403 for a forged change", async ({ page, vault }) => {
  const admin = await createPortalUser(vault, "admin");
  const viewer = await createPortalUser(vault, "viewer");
  await signIn(page, vault, admin);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  const response = await page.goto(`${vault.baseUrl}/portal/settings/users`);
  expect(response?.status()).toBe(404);
  await page.goto(`${vault.baseUrl}/portal/customers`);
  const csrf = await csrfOf(page);
  const forged = await page.evaluate(
    async ([id, token]) =>
      (
        await fetch(`/portal/api/users/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json", "x-vault-csrf": token },
          body: '{"role":"owner"}',
        })
      ).status,
    [viewer.userId, csrf] as const,
  );
  expect(forged).toBe(403);
  // And without the session's token, even an owner's browser is refused.
  await signOut(page);
  await signIn(page, vault, { email: vault.merchant.owner_email, password: vault.merchant.owner_password });
  const noToken = await page.evaluate(
    async (id) =>
      (await fetch(`/portal/api/users/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: '{"role":"owner"}' })).status,
    viewer.userId,
  );
  expect(noToken).toBe(403);
  const roles = await auditRows(vault, vault.merchant.merchant_id);
  expect(roles.filter((r) => r.action === "user.role_change" && r.targetId === String(viewer.userId))).toEqual([]);
});
