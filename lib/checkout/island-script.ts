import "#server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where scripts/build-island.mjs writes the card form's script, under public/. */
export const ISLAND_PATH = "/hosted/card-form.js";

let cached: { src: string; integrity: string } | null = null;

/**
 * The card form's script tag attributes: its URL, versioned by content so a
 * new build is never mixed with a cached old one, and its Subresource
 * Integrity hash, so the browser runs exactly the script that was built
 * (PCI DSS 4.0 asks payment pages to account for every script they run).
 */
export function islandScript(): { src: string; integrity: string } {
  if (cached) return cached;
  const code = readFileSync(join(process.cwd(), "public", ISLAND_PATH));
  const version = createHash("sha256").update(code).digest("hex").slice(0, 12);
  cached = { src: `${ISLAND_PATH}?v=${version}`, integrity: `sha384-${createHash("sha384").update(code).digest("base64")}` };
  return cached;
}
