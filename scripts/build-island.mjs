// Builds the hosted card form's browser script, public/hosted/card-form.js,
// from components/checkout/card-form.island.tsx. React's API is served by
// preact/compat (docs/decisions/006): the page's whole JavaScript must stay
// under 80 KB gzipped, and React DOM alone is most of that. The card brand
// marks the form shows are copied beside it, to public/hosted/brands/:
// public/hosted/ holds only what this script writes.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./prisma-env.mjs";

export const ISLAND_OUT = join(root, "public", "hosted", "card-form.js");
const BRAND_ICONS = join(root, "components", "checkout", "card-brands");
const BRAND_ICONS_OUT = join(root, "public", "hosted", "brands");

const gzippedBytes = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The brand marks' gzipped bytes, each file on its own as the browser fetches them. */
export function brandIconsGzippedBytes() {
  return readdirSync(BRAND_ICONS_OUT)
    .filter((name) => name.endsWith(".svg"))
    .reduce((sum, name) => sum + gzippedBytes(join(BRAND_ICONS_OUT, name)), 0);
}

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
  cpSync(BRAND_ICONS, BRAND_ICONS_OUT, { recursive: true });
  return gzippedBytes(ISLAND_OUT);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const script = await buildIsland();
  const icons = brandIconsGzippedBytes();
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`public/hosted/card-form.js: ${kb(script)} gzipped; brand icons (public/hosted/brands/): ${kb(icons)}; together ${kb(script + icons)}`);
}
