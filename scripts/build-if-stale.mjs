// Runs `next build` when there is no build or a source file is newer than it
// (npm start and npm test both call this, so neither serves stale code).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { root } from "./prisma-env.mjs";
import { buildIsland } from "./build-island.mjs";
import { buildServerBundles, SERVER_BUNDLES } from "./build-server.mjs";

function newestMtime(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** True when .next or the server bundles are missing, or older than the sources or the configs. */
export function buildIsStale() {
  const markers = [join(root, ".next", "BUILD_ID"), ...Object.values(SERVER_BUNDLES)];
  if (!markers.every(existsSync)) return true;
  const builtAt = Math.min(...markers.map((marker) => statSync(marker).mtimeMs));
  const dirs = ["app", "pages", "lib", "components", "styles", "worker"].map((d) => join(root, d)).filter(existsSync);
  const files = [
    "next.config.mjs",
    "proxy.ts",
    "instrumentation.ts",
    "postcss.config.mjs",
    "package.json",
    "tsconfig.json",
    "scripts/build-island.mjs",
    "scripts/build-server.mjs",
  ]
    .map((f) => join(root, f))
    .filter(existsSync);
  return Math.max(...dirs.map(newestMtime), ...files.map((f) => statSync(f).mtimeMs)) > builtAt;
}

/** Builds the app (the hosted form's script, Next, then the API's and the worker's bundles) if it is stale; prints why. */
export async function buildIfStale() {
  if (!buildIsStale()) return false;
  console.log("Building the vault (no build yet, or the sources changed)...");
  await buildIsland();
  execFileSync(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  await buildServerBundles();
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildIfStale();
