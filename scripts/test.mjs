// `npm test`: every check and every test, in the order that fails fastest.
// 1. the PostgreSQL schema is in step with the SQLite one; 2. types; 3. lint;
// 4. no import cycle between lib/'s folders (decision 009);
// 5. build the app if stale (the API and browser tests run the built server);
// 6. vitest: unit tests, then the API suite on SQLite and on PostgreSQL;
// 7. Playwright: the hosted card page in Chromium, on SQLite and PostgreSQL.
// Arguments go to vitest; Playwright always runs its whole suite.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";
import { root } from "./prisma-env.mjs";

const bin = (name) => join(root, "node_modules", ".bin", name);
const step = (title, command, args) => {
  console.log(`\n== ${title}`);
  execFileSync(command, args, { cwd: root, stdio: "inherit" });
};

step("Prisma schemas in step", process.execPath, ["scripts/prisma-sync-schemas.mjs", "--check"]);
step("Type check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
step("Lint", bin("eslint"), ["."]);
step("No import cycle between lib/ folders", process.execPath, ["scripts/check-lib-cycles.mjs"]);
console.log("\n== Build");
await buildIfStale();

console.log("\n== Tests");
mkdirSync(join(root, "test-results"), { recursive: true });
const resultsFile = join(root, "test-results", "vitest.json");
const run = spawnSync(
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);

/** Passed and failed counts from Vitest's JSON report (a missing report is a failure). */
function vitestCounts(status) {
  let passed = 0;
  let failed = 0;
  try {
    const results = JSON.parse(readFileSync(resultsFile, "utf8"));
    passed = results.numPassedTests;
    failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  } catch {
    failed = Math.max(failed, 1);
  }
  if (status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

/**
 * Passed and failed counts from Playwright's JSON report (playwright.config.ts
 * writes it). An error outside any test (the global setup, e.g. PostgreSQL
 * down) or a missing report is a failure.
 */
function playwrightCounts(status, file) {
  let passed = 0;
  let failed = 0;
  try {
    const report = JSON.parse(readFileSync(file, "utf8"));
    passed = report.stats.expected + report.stats.flaky;
    failed = report.stats.unexpected + (report.errors?.length ?? 0);
  } catch {
    failed = 1;
  }
  if (status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

const vitest = vitestCounts(run.status);

console.log("\n== Browser tests (Playwright, Chromium)");
const playwrightReport = join(root, "test-results", "playwright.json");
rmSync(playwrightReport, { force: true }); // never count a previous run's results
const browser = spawnSync(bin("playwright"), ["test"], { cwd: root, stdio: "inherit" });
const playwright = playwrightCounts(browser.status, playwrightReport);

// One plain closing line that any CI reader understands.
const passed = vitest.passed + playwright.passed;
const failed = vitest.failed + playwright.failed;
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && browser.status === 0 && failed === 0 ? 0 : 1);
