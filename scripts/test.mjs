// `npm test`: every check and every test, cheapest first, and how long each
// phase took (so the next person sees where the time goes).
//   checks: the PostgreSQL schema in step with the SQLite one, no import
//           cycle between lib/ folders, then the type check, lint and the
//           formatting check side by side (each is one busy core);
//   build:  the app, if stale (the API and browser suites run the built server);
//   tests:  vitest (unit, then the API and worker suites on SQLite and on
//           PostgreSQL) and Playwright (the pages in Chromium on both).
// Arguments go to vitest and leave Playwright out (`npm test -- tests/api/x.test.ts`).
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";
import { root } from "./prisma-env.mjs";
import { playwrightCounts, vitestCounts, vitestPhaseSpans } from "./test-reports.mjs";

const bin = (name) => join(root, "node_modules", ".bin", name);
const started = Date.now();
/** [name, seconds] in the order they ended; printed as a table at the end. */
const phases = [];

/** Runs a command with inherited output; resolves to its exit status. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs fn as a named phase: prints its start, records its duration. */
async function phase(name, fn) {
  console.log(`\n== ${name}`);
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    phases.push([name, (Date.now() - t0) / 1000]);
  }
}

function printPhases() {
  const install = Number(process.env.CI_INSTALL_SECONDS);
  const rows = Number.isFinite(install) && install > 0 ? [["install (.ci/run)", install], ...phases] : phases;
  console.log("\n== Phase times");
  for (const [name, seconds] of rows) console.log(`${name.padEnd(40)} ${seconds.toFixed(0).padStart(5)} s`);
  console.log(`${"npm test total".padEnd(40)} ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s`);
}

function fail(what) {
  printPhases();
  console.error(`\n${what} failed.`);
  console.log(`\nTests: 0 passed, 1 failed`);
  process.exit(1);
}

await phase("Checks", async () => {
  if ((await run(process.execPath, ["scripts/prisma-sync-schemas.mjs", "--check"])) !== 0) fail("The Prisma schema check");
  if ((await run(process.execPath, ["scripts/check-lib-cycles.mjs"])) !== 0) fail("The check for import cycles between lib/ folders");
  const [tsc, eslint, prettier] = await Promise.all([
    run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]),
    run(bin("eslint"), ["."]),
    run(bin("prettier"), ["--check", "--log-level", "warn", "."]),
  ]);
  if (tsc !== 0) fail("The type check");
  if (eslint !== 0) fail("Lint");
  if (prettier !== 0) fail("The formatting check (npm run format fixes it)");
});

await phase("Build", async () => {
  try {
    await buildIfStale();
  } catch {
    fail("The build");
  }
});

mkdirSync(join(root, "test-results"), { recursive: true });
const vitestReport = join(root, "test-results", "vitest.json");
const playwrightReport = join(root, "test-results", "playwright.json");
// Never count a previous run's results.
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });

const vitestArgs = process.argv.slice(2);
const vitestStatus = await phase("vitest (unit, API, worker)", () =>
  run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`, ...vitestArgs]),
);
for (const [name, seconds] of vitestPhaseSpans(readReport(vitestReport))) phases.push([`  ${name}`, seconds]);
const vitest = vitestCounts(vitestStatus, readReport(vitestReport));

let browser = { passed: 0, failed: 0 };
let browserStatus = 0;
if (vitestArgs.length === 0) {
  browserStatus = await phase("Browser tests (Playwright, Chromium)", () => run(bin("playwright"), ["test"]));
  browser = playwrightCounts(browserStatus, readReport(playwrightReport));
}

printPhases();
// One plain closing line that any CI reader understands.
const passed = vitest.passed + browser.passed;
const failed = vitest.failed + browser.failed;
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(vitestStatus === 0 && browserStatus === 0 && failed === 0 ? 0 : 1);

/** A runner's JSON report, or undefined when it wrote none. */
function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
