// Signing in to the portal in Chromium: the pinned form, password only,
// the second factor (enrolment, codes, a reused code, recovery codes), an
// owner requiring it for everyone, the lockout, the idle timeout, sign-out.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { forgetSignInFailures } from "../support/database";
import { ageSessions, createMerchant, createPortalUser, pageAlert, signIn, signOut, submitSignIn, totpCode } from "../support/portal";

// The password step's one answer to every refusal (lib/portal/sign-in.ts).
const REFUSED =
  "That email and password do not match an account that can sign in now. After 10 failed attempts an account is locked for 30 minutes; an owner can unlock it sooner.";

// Multi-step flows (several sign-ins, scrypt at each) on a machine shared with the rest of the suite.
test.describe.configure({ timeout: 120_000 });

test("/portal sends a signed-out visitor to the sign-in form, which names its fields for password managers", async ({ page, vault }, testInfo) => {
  await page.goto(`${vault.baseUrl}/portal`);
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
  await expect(page.getByLabel("Email")).toHaveAttribute("autocomplete", "username");
  await expect(page.getByLabel("Password")).toHaveAttribute("autocomplete", "current-password");
  await expectAxeClean(page, testInfo, "portal sign-in");
  // A page inside the portal also needs a session.
  await page.goto(`${vault.baseUrl}/portal/customers`);
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
});

// Regression: before its script ran, the form's button submitted the form
// natively, a GET with the email and password in the URL (and a click on
// Sign out did nothing). Until the page is hydrated, portal buttons are off.
test("until the page's script runs, Sign in is disabled, so the form cannot send the password in a URL", async ({ browser, vault }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${vault.baseUrl}/portal/sign-in`);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
  } finally {
    await context.close();
  }
});

test("the demo owner printed by setup signs in, and Sign out ends the session on the server", async ({ page, vault }) => {
  await signIn(page, vault, { email: vault.merchant.owner_email, password: vault.merchant.owner_password });
  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "vault_portal");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Strict");
  expect(session?.path).toBe("/portal");

  await signOut(page);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  // The old cookie, sent again, opens nothing: the session is gone from the database.
  await page.context().addCookies([session!]);
  await page.goto(`${vault.baseUrl}/portal/customers`);
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
});

test("a wrong password is refused with a message, and the same message as an unknown email", async ({ page, vault }) => {
  await forgetSignInFailures(vault);
  const user = await createPortalUser(vault, "staff");
  await submitSignIn(page, vault, user.email, "not-the-password-at-all");
  await expect(pageAlert(page)).toHaveText(REFUSED);
  await submitSignIn(page, vault, "nobody-here@shop.example", "not-the-password-at-all");
  await expect(pageAlert(page)).toHaveText(REFUSED);
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
});

test("ten wrong passwords lock the account for 30 minutes, even against the right password, and the answer stays the same", async ({ page, vault }) => {
  await forgetSignInFailures(vault);
  const user = await createPortalUser(vault, "staff");
  for (let i = 0; i < 9; i++) {
    await submitSignIn(page, vault, user.email, `wrong-password-${i}`);
    await expect(pageAlert(page)).toHaveText(REFUSED);
  }
  // The attempt that locks, and the right password after it, answer as any refusal: a stranger cannot tell a locked account.
  await submitSignIn(page, vault, user.email, "wrong-password-10");
  await expect(pageAlert(page)).toHaveText(REFUSED);
  await submitSignIn(page, vault, user.email, user.password);
  await expect(pageAlert(page)).toHaveText(REFUSED);
  await expect(page).toHaveURL(/\/portal\/sign-in$/);
});

test("15 idle minutes end the session: the next page asks to sign in again", async ({ page, vault }) => {
  const user = await createPortalUser(vault, "viewer");
  await signIn(page, vault, user);
  await ageSessions(vault, user.userId, 16);
  await page.reload();
  await expect(page).toHaveURL(/\/portal\/sign-in\?reason=expired$/);
  await expect(page.getByText("signed out after 15 minutes without activity")).toBeVisible();
  await signIn(page, vault, user);
});

test("a user enrols an authenticator app, then signs in with its codes; a code works once, a recovery code once", async ({ page, vault }, testInfo) => {
  const user = await createPortalUser(vault, "admin");
  await signIn(page, vault, user);
  await page.getByRole("link", { name: "Security" }).click();
  await page.getByRole("link", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAxeClean(page, testInfo, "second-factor enrolment");
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();

  await page.getByLabel("Code from your app").fill("000000" === (await totpCode(secret)) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on the second factor" }).click();
  await expect(page.getByText("That code does not match")).toBeVisible();

  const enrolCode = await totpCode(secret);
  await page.getByLabel("Code from your app").fill(enrolCode);
  await page.getByRole("button", { name: "Turn on the second factor" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCode = (await codes.first().textContent())!.trim();
  await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await signOut(page);

  // The password alone now leads to the code step.
  await submitSignIn(page, vault, user.email, user.password);
  await expect(page).toHaveURL(/\/portal\/sign-in\/second-factor$/);
  const codeField = page.getByLabel("Authentication code");
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  await expectAxeClean(page, testInfo, "second-factor step");
  // Before the code, the portal stays shut.
  await page.goto(`${vault.baseUrl}/portal/customers`);
  await expect(page).toHaveURL(/\/portal\/sign-in\/second-factor$/);
  // The code used to enrol is spent, even though its 30 seconds may not be over.
  await page.getByLabel("Authentication code").fill(enrolCode);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(pageAlert(page)).toContainText("That code is not valid");
  // The next step's code (one step of drift is allowed) signs in.
  await page.getByLabel("Authentication code").fill(await totpCode(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/portal\/customers$/);
  await signOut(page);

  // A recovery code signs in once.
  for (const expected of ["signed in", "refused"]) {
    await submitSignIn(page, vault, user.email, user.password);
    await expect(page).toHaveURL(/second-factor$/);
    await page.getByLabel("Authentication code").fill(recoveryCode);
    await page.getByRole("button", { name: "Continue" }).click();
    if (expected === "signed in") {
      await expect(page).toHaveURL(/\/portal\/customers$/);
      await signOut(page);
    } else {
      await expect(pageAlert(page)).toContainText("That code is not valid");
    }
  }
});

test("an owner requires a second factor: a user without one must enrol before anything else opens", async ({ page, vault }) => {
  // Its own merchant: the demo merchant's other tests sign in without codes.
  const merchant = await createMerchant(vault, `Strict Shop ${Date.now().toString(36)}`);
  const owner = await createPortalUser(vault, "owner", merchant.merchant_id);
  const staff = await createPortalUser(vault, "staff", merchant.merchant_id);

  await signIn(page, vault, owner);
  await page.getByRole("link", { name: "Security" }).click();
  // Not before the owner has a second factor of their own.
  await page.getByRole("button", { name: "Require a second factor for everyone" }).click();
  await expect(pageAlert(page)).toHaveText("Set up your own second factor before requiring one for everyone.");
  await page.getByRole("link", { name: "Set up an authenticator app" }).click();
  const ownerSecret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from your app").fill(await totpCode(ownerSecret));
  await page.getByRole("button", { name: "Turn on the second factor" }).click();
  await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await page.getByRole("button", { name: "Require a second factor for everyone" }).click();
  await expect(page.getByText("A second factor is required")).toBeVisible();
  await signOut(page);

  await submitSignIn(page, vault, staff.email, staff.password);
  await expect(page).toHaveURL(/\/portal\/enrol$/);
  await page.goto(`${vault.baseUrl}/portal/customers`);
  await expect(page).toHaveURL(/\/portal\/enrol$/);
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from your app").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Turn on the second factor" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await expect(page).toHaveURL(/\/portal\/customers$/);
});
