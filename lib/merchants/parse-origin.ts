import { merchantUrlProblem } from "../urls/merchant-url";

// An iframe origin as a merchant registers it (lib/merchants/origins.ts).
// Pure, so the portal's form checks it in the browser with the same rule.

/** The origin as the browser writes it, or a reason it cannot be one. */
export function parseOrigin(value: string): { origin: string } | { problem: string } {
  const problem = merchantUrlProblem(value);
  if (problem) return { problem };
  const url = new URL(value);
  // "https://shop.example" and "https://shop.example/" are both the origin.
  if (url.pathname !== "/" || url.search || url.hash || value.includes("?") || value.includes("#")) {
    return { problem: "must be an origin: scheme://host[:port], no path, query or fragment" };
  }
  return { origin: url.origin };
}
