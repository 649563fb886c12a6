// The portal by keyboard alone, in Chromium: sign in, skip the navigation,
// move between sections, and create a checkout link, with Tab, typing and
// Enter only (WCAG 2.1.1), each control showing where focus is.
import type { Page } from "@playwright/test";
import { test, expect } from "../support/fixtures";
import { uniqueCustomerId } from "../support/cards";
import { createPortalUser } from "../support/portal";

test.describe.configure({ timeout: 120_000 });

/** Presses Tab until `name` (an accessible name) has focus; fails after 30 presses. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute("aria-label") ?? el.innerText ?? "").trim() || (el as HTMLInputElement).labels?.[0]?.innerText?.trim() || "" : "";
    });
    if (focused === name || focused.startsWith(`${name}\n`)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test("sign in, move between sections and create a link with the keyboard alone", async ({ page, vault }) => {
  const staff = await createPortalUser(vault, "staff");
  await page.goto(`${vault.baseUrl}/portal/sign-in`);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(staff.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(staff.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/portal\/customers$/);

  // The first Tab offers to skip the navigation.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();

  await tabTo(page, "Checkout links");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/portal\/links$/);
  await tabTo(page, "New link");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/portal\/links\/new$/);

  await tabTo(page, "Customer ID");
  await page.keyboard.type(uniqueCustomerId("KBD"));
  await page.keyboard.press("Tab");
  await page.keyboard.type("Ada");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Lovelace");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Link created" })).toBeVisible();
  await expect(page.getByTestId("copy-value")).toContainText(`${vault.baseUrl}/checkout/`);
});
