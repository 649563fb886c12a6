// Builds the hosted card form's browser script from
// components/checkout/card-form.island.tsx, once per language the pages
// speak: public/hosted/card-form.<locale>.js, each with only its own
// language's form messages, compiled to plain functions here by
// @messageformat/core (docs/decisions/021), so a page loads one language and
// no message compiler. React's API is served by preact/compat
// (docs/decisions/006): the page's whole script must stay small. The card
// brand marks are joined into one SVG sprite, public/hosted/brand-marks.svg,
// which the pages inline (components/checkout/card-brand-icons.tsx).
// public/hosted/ holds only what this script writes.
import { build } from "esbuild";
import MessageFormat from "@messageformat/core";
import compileModule from "@messageformat/core/compile-module.js";
import { gzipSync } from "node:zlib";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./prisma-env.mjs";
import { FORM_MESSAGE_PREFIXES } from "../lib/i18n/form-messages.mjs";

export const HOSTED_OUT = join(root, "public", "hosted");
const MESSAGES = join(root, "lib", "i18n", "messages");
const BRAND_MARKS = join(root, "components", "checkout", "card-brands");
export const BRAND_MARKS_OUT = join(HOSTED_OUT, "brand-marks.svg");
/** The languages there are catalogs for (lib/i18n/locales.ts names the same four; a unit test holds them together). */
export const ISLAND_LOCALES = readdirSync(MESSAGES)
  .filter((name) => name.endsWith(".json"))
  .map((name) => name.slice(0, -".json".length))
  .sort();

export const islandOut = (locale) => join(HOSTED_OUT, `card-form.${locale}.js`);
export const gzippedBytes = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/**
 * The card form's messages in `locale` (those under FORM_MESSAGE_PREFIXES;
 * the rest only the server says), as an ES module of plain functions.
 */
function compiledMessages(locale) {
  const catalog = JSON.parse(readFileSync(join(MESSAGES, `${locale}.json`), "utf8"));
  const formMessages = Object.entries(catalog).filter(([id]) => FORM_MESSAGE_PREFIXES.some((prefix) => id.startsWith(prefix)));
  return compileModule(new MessageFormat(locale), Object.fromEntries(formMessages));
}

/** Resolves the island's `virtual:hosted-messages` import to one language's compiled messages. */
const messagesFor = (locale) => ({
  name: "hosted-messages",
  setup(build) {
    build.onResolve({ filter: /^virtual:hosted-messages$/ }, () => ({ path: locale, namespace: "hosted-messages" }));
    build.onLoad({ filter: /.*/, namespace: "hosted-messages" }, () => ({ contents: compiledMessages(locale), loader: "js", resolveDir: root }));
  },
});

async function buildLocale(locale) {
  const result = await build({
    entryPoints: [join(root, "components", "checkout", "card-form.island.tsx")],
    outfile: islandOut(locale),
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    jsx: "automatic",
    legalComments: "none",
    metafile: true,
    define: { "process.env.NODE_ENV": '"production"' },
    alias: {
      react: "preact/compat",
      "react-dom": "preact/compat",
      "react-dom/client": "preact/compat/client",
      "react/jsx-runtime": "preact/jsx-runtime",
      "@": root,
    },
    plugins: [messagesFor(locale)],
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  // The compiler and the catalogs belong to the server: a script that bundles them has all four languages and a parser.
  const strays = Object.keys(result.metafile.inputs).filter((input) => input.includes("@messageformat/core") || input.includes("i18n/messages/"));
  if (strays.length > 0) throw new Error(`the hosted page's script must not bundle ${strays.join(", ")}`);
  return result.metafile;
}

/** The drawn marks as one sprite: a <symbol id="brand-<name>"> each, with its viewBox. */
function buildBrandMarks() {
  const symbols = readdirSync(BRAND_MARKS)
    .filter((name) => name.endsWith(".svg"))
    .sort()
    .map((name) => {
      const svg = readFileSync(join(BRAND_MARKS, name), "utf8").trim();
      const open = /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="([\d. ]+)">/.exec(svg);
      if (!open || !svg.endsWith("</svg>")) throw new Error(`${name}: expected one <svg> with only xmlns and viewBox`);
      const inner = svg.slice(open[0].length, -"</svg>".length);
      return `<symbol id="brand-${name.slice(0, -".svg".length)}" viewBox="${open[1]}">${inner}</symbol>`;
    });
  writeFileSync(BRAND_MARKS_OUT, `<svg xmlns="http://www.w3.org/2000/svg">${symbols.join("")}</svg>\n`);
}

/** Builds every language's script and the marks' sprite; answers each one's gzipped bytes. */
export async function buildIsland() {
  rmSync(HOSTED_OUT, { recursive: true, force: true });
  mkdirSync(HOSTED_OUT, { recursive: true });
  for (const locale of ISLAND_LOCALES) await buildLocale(locale);
  buildBrandMarks();
  return {
    scripts: Object.fromEntries(ISLAND_LOCALES.map((locale) => [locale, gzippedBytes(islandOut(locale))])),
    brandMarks: gzippedBytes(BRAND_MARKS_OUT),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { scripts, brandMarks } = await buildIsland();
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const [locale, bytes] of Object.entries(scripts)) {
    console.log(`public/hosted/card-form.${locale}.js: ${kb(bytes)} gzipped; with the brand marks' sprite (${kb(brandMarks)}): ${kb(bytes + brandMarks)}`);
  }
}
