// `npm test`: every check and every test, in the order that fails fastest.
// 1. the PostgreSQL schema is in step with the SQLite one; 2. types; 3. lint;
// 4. build the app if stale (the API tests run the built server); 5. vitest:
// unit tests, then the API suite on SQLite and on PostgreSQL.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
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

// One plain closing line that any CI reader understands.
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
