// Bundles the two programs server.mjs and npm start run outside Next.js: the
// API (lib/api/serve-api.ts, which server.mjs serves /platform and /pg from)
// and the worker (worker/main.ts). Compiled once here, they load plain
// JavaScript at start and compile nothing while they serve; packages from
// node_modules stay outside the bundle, loaded by Node as usual.
import { build } from "esbuild";
import { join } from "node:path";
import { root } from "./prisma-env.mjs";

export const SERVER_BUNDLES = { api: join(root, "dist", "api.mjs"), worker: join(root, "dist", "worker.mjs") };

export async function buildServerBundles() {
  await build({
    entryPoints: { api: join(root, "lib", "api", "serve-api.ts"), worker: join(root, "worker", "main.ts") },
    outdir: join(root, "dist"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: ["node20"],
    packages: "external",
    sourcemap: "linked",
    legalComments: "none",
    alias: { "@": root },
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServerBundles();
