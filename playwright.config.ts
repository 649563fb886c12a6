// Playwright: the hosted card page in a real Chromium, against the built
// server on SQLite and on PostgreSQL (one project each, the same specs).
// e2e/support/global-setup.ts starts one server per database.
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import type { Database } from "./e2e/support/vaults";

// Debian's Chromium headless shell where there is one: the same Blink as
// the full browser without its UI, which Playwright itself uses for headless
// runs, and a third less CPU for this suite (docs/decisions/011). Then Debian's
// full Chromium; CHROMIUM_PATH picks another; with none, Playwright's own
// browser (`npx playwright install chromium`). Playwright's own download is
// not reachable on the project's machines.
const executablePath = process.env.CHROMIUM_PATH || ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((path) => existsSync(path)) || undefined;

const project = (database: Database) => ({
  name: database,
  use: { database },
});

export default defineConfig<object, { database: Database }>({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  globalSetup: "./e2e/support/global-setup.ts",
  // Two cores: the browser, the two servers and PostgreSQL share them.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  // Generous: the machine is shared, and a busy one is no reason to fail.
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [project("sqlite"), project("postgres")],
});
