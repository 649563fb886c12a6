import "#server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { HostedLocale } from "../i18n/locales";

// What scripts/build-island.mjs writes under public/hosted/, as the hosted
// pages use it: the card form's script in the page's language, and the
// brand marks' sprite, which the pages inline.

/** Where the card form's script in `locale` is served. */
export function islandPath(locale: HostedLocale): string {
  return `/hosted/card-form.${locale}.js`;
}

const read = (path: string) => readFileSync(join(process.cwd(), "public", path));
const scripts = new Map<HostedLocale, { src: string; integrity: string }>();

/**
 * The card form's script tag attributes in the page's language: its URL,
 * versioned by content so a new build is never mixed with a cached old one,
 * and its Subresource Integrity hash, so the browser runs exactly the script
 * that was built (PCI DSS 4.0 asks payment pages to account for every
 * script they run).
 */
export function islandScript(locale: HostedLocale): { src: string; integrity: string } {
  const known = scripts.get(locale);
  if (known) return known;
  const path = islandPath(locale);
  const code = read(path);
  const version = createHash("sha256").update(code).digest("hex").slice(0, 12);
  const script = { src: `${path}?v=${version}`, integrity: `sha384-${createHash("sha384").update(code).digest("base64")}` };
  scripts.set(locale, script);
  return script;
}

let brandMarks: string | null = null;

/** The brand marks' <symbol>s, from the sprite the build joined, for the page to inline (components/checkout/card-brand-icons.tsx). */
export function brandMarkSymbols(): string {
  brandMarks ??= read("/hosted/brand-marks.svg")
    .toString("utf8")
    .trim()
    .replace(/^<svg[^>]*>/, "")
    .replace(/<\/svg>$/, "");
  return brandMarks;
}
