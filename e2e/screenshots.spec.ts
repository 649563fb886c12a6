// Screenshots of the form, fresh and with errors, on a desktop (1280×800)
// and a phone (Pixel 7), in light and dark mode, and on a desktop in German
// (a browser asking for German), kept as test artifacts
// (test-results/playwright/<test>/*.png, also attached to the report) for
// people to look at; the fresh forms are also copied to docs/hosted/, where
// the README shows them (from the SQLite run only). Each also checks what a
// phone user relies on: the page fits the screen's width, with no sideways
// scrolling (WCAG 1.4.10).
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { devices, type Page, type TestInfo } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { createLink } from "./support/api";
import { field, saveButton } from "./support/card-page";

const README_DIR = join(process.cwd(), "docs", "hosted");

async function snapshot(page: Page, testInfo: TestInfo, name: string, forReadme?: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name}: page is wider than the screen`).toBeLessThanOrEqual(0);
  if (forReadme && testInfo.project.name === "sqlite") {
    mkdirSync(README_DIR, { recursive: true });
    copyFileSync(path, join(README_DIR, `${forReadme}.png`));
  }
}

const { defaultBrowserType: _phoneBrowser, ...pixel7 } = devices["Pixel 7"];
const screens = { desktop: { viewport: { width: 1280, height: 800 } }, phone: pixel7 };

for (const [screen, options] of Object.entries(screens))
  for (const colorScheme of ["light", "dark"] as const) {
    test.describe(`${screen}, ${colorScheme}`, () => {
      test.use({ ...options, colorScheme });
      const suffix = colorScheme === "dark" ? `${screen}-dark` : screen;

      test(`the form, fresh and with errors (${screen}, ${colorScheme})`, async ({ page, api }, testInfo) => {
        const link = await createLink(api);
        await page.goto(link.link);
        await expect(saveButton(page)).toBeVisible();
        await snapshot(page, testInfo, `form-${suffix}`, `form-${suffix}`);

        await saveButton(page).click();
        await expect(field(page, "number")).toHaveAttribute("aria-invalid", "true");
        await snapshot(page, testInfo, `form-errors-${suffix}`);
      });
    });
  }

test.describe("desktop, German", () => {
  test.use({ ...screens.desktop, locale: "de-DE" });

  test("the form in German, fresh and with errors", async ({ page, api }, testInfo) => {
    const link = await createLink(api);
    await page.goto(link.link);
    const save = page.getByRole("button", { name: "Karte speichern" });
    await expect(save).toBeVisible();
    await snapshot(page, testInfo, "form-desktop-de", "form-desktop-de");

    await save.click();
    await expect(page.getByLabel("Kartennummer")).toHaveAttribute("aria-invalid", "true");
    await snapshot(page, testInfo, "form-errors-desktop-de");
  });
});
