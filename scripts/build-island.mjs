// Builds the hosted card form's browser script, public/hosted/card-form.js,
// from components/checkout/card-form.island.tsx. React's API is served by
// preact/compat (docs/decisions/006): the page's whole JavaScript must stay
// under 80 KB gzipped, and React DOM alone is most of that.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./prisma-env.mjs";

export const ISLAND_OUT = join(root, "public", "hosted", "card-form.js");

export async function buildIsland() {
  await build({
    entryPoints: [join(root, "components", "checkout", "card-form.island.tsx")],
    outfile: ISLAND_OUT,
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    jsx: "automatic",
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    alias: {
      react: "preact/compat",
      "react-dom": "preact/compat",
      "react-dom/client": "preact/compat/client",
      "react/jsx-runtime": "preact/jsx-runtime",
      "@": root,
    },
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  return gzipSync(readFileSync(ISLAND_OUT), { level: 9 }).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const gzipped = await buildIsland();
  console.log(`public/hosted/card-form.js: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}
