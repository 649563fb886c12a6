// The portal's navigation at phone size (390×844) in Chromium: the sections
// sit behind a Menu button (a disclosure with aria-expanded) instead of a
// strip cut off at the screen's edge; it works with the keyboard, closes on
// Escape and on a new page, and the desktop keeps its list beside the page.
// With JavaScript off the same list sits in a <details> the browser opens.
import { test, expect } from "../support/fixtures";
import { expectAxeClean } from "../support/axe";
import { createPortalUser, signIn } from "../support/portal";

test.describe.configure({ timeout: 120_000 });

const PHONE = { width: 390, height: 844 };

test("on a phone the sections open from a Menu button, with the mouse and the keyboard", async ({ page, vault }, testInfo) => {
  const admin = await createPortalUser(vault, "admin");
  await page.setViewportSize(PHONE);
  await signIn(page, vault, admin);
  const nav = page.getByRole("navigation", { name: "Portal" });
  const menu = nav.getByRole("button", { name: "Menu" });
  await expect(menu).toBeEnabled();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Customers" })).toBeHidden();
  await expectAxeClean(page, testInfo, "phone, menu closed");

  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const list = page.locator(`#${await menu.getAttribute("aria-controls")}`);
  await expect(list).toBeVisible();
  // Every section is on the screen, none cut off at its edge.
  for (const link of await list.getByRole("link").all()) {
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  await expect(list.getByRole("link", { name: "Customers" })).toHaveAttribute("aria-current", "page");
  await expectAxeClean(page, testInfo, "phone, menu open");
  await list.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  // The new page closes the menu behind it.
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(list).toBeHidden();
  // The audit log's table scrolls sideways in a frame the keyboard can reach.
  await expectAxeClean(page, testInfo, "audit log on a phone");

  // The keyboard: Enter opens, Tab reaches the sections, Escape closes and gives focus back.
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(list.getByRole("link", { name: "Customers" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await page.keyboard.press("Space");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(list.getByRole("link", { name: "Transactions" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Transactions", level: 1 })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});

test("on a desktop the sections stand beside the page, with no Menu button", async ({ page, vault }, testInfo) => {
  const admin = await createPortalUser(vault, "admin");
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, vault, admin);
  const nav = page.getByRole("navigation", { name: "Portal" });
  await expect(nav.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Security" })).toBeVisible();
  await nav.getByRole("link", { name: "Checkout links" }).click();
  await expect(page.getByRole("heading", { name: "Checkout links", level: 1 })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Checkout links" })).toHaveAttribute("aria-current", "page");
  await expectAxeClean(page, testInfo, "desktop navigation");
});

// axe runs as a script in the page, so it cannot run here; the phone test above checks the same list.
test("with JavaScript off a phone still reaches every section, through a details menu", async ({ browser, page, vault }) => {
  const admin = await createPortalUser(vault, "admin");
  await signIn(page, vault, admin);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, storageState: await page.context().storageState() });
  const plain = await context.newPage();
  await plain.goto(`${vault.baseUrl}/portal/customers`);
  const nav = plain.getByRole("navigation", { name: "Portal" });
  await expect(nav.getByRole("link", { name: "Webhooks" })).toBeHidden();
  await nav.getByText("Menu").click();
  await expect(nav.getByRole("link", { name: "Webhooks" })).toBeVisible();
  await nav.getByRole("link", { name: "Webhooks" }).click();
  await expect(plain).toHaveURL(/\/portal\/settings\/webhooks$/);
  await expect(plain.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await context.close();
});
