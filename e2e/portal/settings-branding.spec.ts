// Branding in the portal's settings: the live preview of the hosted page,
// the contrast check of the colour against white text, the logo's checks
// (in the browser, and on the server whatever the browser claimed), and the
// saved branding on a hosted page of that merchant's link. Each test has a
// merchant of its own: branding is merchant-wide.
import { test, expect } from "../support/fixtures";
import { createLink } from "../support/api";
import { expectAxeClean } from "../support/axe";
import { saveButton } from "../support/card-page";
import { auditRows, pageAlert, signIn } from "../support/portal";
import { settingsMerchant } from "../support/portal-settings";

// Long flows (several pages, axe) on a shared two-core machine.
test.describe.configure({ timeout: 240_000 });

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
const background = (locator: import("@playwright/test").Locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);

test("the preview follows the form as it is typed, and a colour too light for white text is flagged with the colour the page will use", async ({
  page,
  vault,
}, testInfo) => {
  const m = await settingsMerchant(vault, `Preview Shop ${Date.now().toString(36)}`);
  await signIn(page, vault, m.owner);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Branding" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Branding" })).toBeVisible();
  const preview = page.getByTestId("hosted-preview");
  // No branding yet: the merchant's name and the default blue.
  await expect(page.getByLabel("Display name")).toHaveValue(/^Preview Shop/);
  await expect(preview).toContainText(/Preview Shop/);
  expect(await background(page.getByTestId("hosted-preview-button"))).toBe(rgb("#1d4ed8"));
  await expectAxeClean(page, testInfo, "branding");

  await page.getByLabel("Display name").fill("Juniper & Co");
  await expect(preview).toContainText("Juniper & Co");

  // Dark enough: kept as chosen, no warning.
  await page.getByLabel("Hex value").fill("#0f766e");
  await expect(page.getByTestId("contrast-ratio")).toHaveText("5.47:1");
  await expect(page.getByTestId("contrast-warning")).toHaveCount(0);
  await expect.poll(() => background(page.getByTestId("hosted-preview-button"))).toBe(rgb("#0f766e"));

  // Gold: 1.40:1 with white text; the page's button keeps it with dark
  // text, and focus rings and links use a darker shade, which it names.
  await page.getByLabel("Hex value").fill("#ffd700");
  await expect(page.getByTestId("contrast-ratio")).toHaveText("1.40:1");
  const warning = page.getByTestId("contrast-warning");
  await expect(warning).toContainText("below the 4.5:1 WCAG AA requires");
  await expect(page.getByTestId("button-colors")).toContainText("keeps #ffd700, with dark text");
  const adjusted = (await page.getByTestId("adjusted-color").textContent())!.trim();
  expect(adjusted).toMatch(/^#[0-9a-f]{6}$/);
  expect(adjusted).not.toBe("#ffd700");
  await expect.poll(() => background(page.getByTestId("hosted-preview-button"))).toBe(rgb("#ffd700"));
  // The picker follows the text field.
  await expect(page.getByLabel("Picker")).toHaveValue("#ffd700");
  await expectAxeClean(page, testInfo, "branding contrast warning");

  // A malformed colour is refused by its field.
  await page.getByLabel("Hex value").fill("gold");
  await expect(page.getByLabel("Hex value")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Hex value")).toHaveAccessibleDescription(/#rrggbb/);
  await expectAxeClean(page, testInfo, "branding colour error");
});

test("a logo of the wrong type or too large is refused with a message, in the browser and on the server", async ({ page, vault }, testInfo) => {
  const m = await settingsMerchant(vault, `Logo Shop ${Date.now().toString(36)}`);
  await signIn(page, vault, m.owner);
  await page.goto(`${vault.baseUrl}/portal/settings/branding`);
  const logo = page.getByLabel("Logo");

  await logo.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await expect(logo).toHaveAttribute("aria-invalid", "true");
  await expect(logo).toHaveAccessibleDescription(/Choose a PNG, JPEG, GIF or WebP image/);
  await expectAxeClean(page, testInfo, "logo wrong type");

  await logo.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.concat([PNG, Buffer.alloc(70 * 1024)]) });
  await expect(logo).toHaveAccessibleDescription(/a logo can be at most 64 KB/);

  // Claims to be a PNG, is not: the browser lets it through, the server reads the bytes.
  await logo.setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("this is not an image at all") });
  await expect(logo).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(pageAlert(page)).toHaveText("The logo must be a PNG, JPEG, GIF or WebP image.");
  await expect(logo).toHaveAccessibleDescription(/must be a PNG, JPEG, GIF or WebP image/);
  await expectAxeClean(page, testInfo, "logo refused by the server");
  expect(await auditRows(vault, m.merchantId, "merchant.brand")).toEqual([]);
});

test("saved branding (name, logo, colour) is what the hosted page of the merchant's next link shows, and is audited", async ({ page, vault }) => {
  const m = await settingsMerchant(vault, `Brand Shop ${Date.now().toString(36)}`);
  await signIn(page, vault, m.owner);
  await page.goto(`${vault.baseUrl}/portal/settings/branding`);
  await page.getByLabel("Display name").fill("Juniper & Co");
  await page.getByLabel("Hex value").fill("#FFD700");
  await page.getByLabel("Logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("hosted-preview").locator("header img")).toHaveAttribute("src", /^data:image\/png;base64,/);
  const adjusted = (await page.getByTestId("adjusted-color").textContent())!.trim();
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText("Branding saved.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Current logo" })).toHaveAttribute("src", `data:image/png;base64,${PNG.toString("base64")}`);

  const rows = await auditRows(vault, m.merchantId, "merchant.brand");
  expect(rows).toEqual([expect.objectContaining({ actor: `user:${m.owner.userId}`, targetType: "merchant", targetId: String(m.merchantId) })]);

  const link = await createLink(m.api);
  await page.goto(link.link);
  await expect(page.getByRole("heading", { name: "Add your card" })).toBeVisible();
  await expect(page.locator("header")).toContainText("Juniper & Co");
  await expect(page).toHaveTitle("Add your card · Juniper & Co");
  await expect(page.locator("header img")).toHaveAttribute("src", `data:image/png;base64,${PNG.toString("base64")}`);
  // The button keeps the colour itself, with near-black text on it; where the
  // colour is drawn on the white page (the focus ring) it is the adjusted one the portal announced.
  expect(await background(saveButton(page))).toBe(rgb("#ffd700"));
  expect(await saveButton(page).evaluate((el) => getComputedStyle(el).color)).toBe(rgb("#111827"));
  await page.getByLabel("Card number").focus();
  expect(await page.getByLabel("Card number").evaluate((el) => getComputedStyle(el).outlineColor)).toBe(rgb(adjusted));

  // Removing the logo and the colour: back to none and the default blue.
  await page.goto(`${vault.baseUrl}/portal/settings/branding`);
  await page.getByRole("button", { name: "Remove logo" }).click();
  await page.getByLabel("Hex value").fill("");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText("Branding saved.")).toBeVisible();
  await page.goto((await createLink(m.api)).link);
  await expect(page.locator("header img")).toHaveCount(0);
  expect(await background(saveButton(page))).toBe(rgb("#1d4ed8"));
});
