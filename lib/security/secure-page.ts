import "#server-only";
import type { ServerResponse } from "node:http";
import { getEnv } from "../env";
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

/**
 * Gives a page's own response its security headers and returns the nonce its
 * inline <style> and <script> must carry. For pages rendered by the Pages
 * Router (the hosted card pages), which set their headers themselves rather
 * than through proxy.ts; server.mjs adds the headers every response carries.
 */
export function securePage(res: ServerResponse, options: { formActionOrigins?: readonly string[]; frameAncestors?: readonly string[] } = {}): string {
  const nonce = newNonce();
  res.setHeader("Content-Security-Policy", contentSecurityPolicy({ nonce, https: getEnv().servedOverHttps, ...options }));
  // For browsers that predate frame-ancestors; the embedded page, which names its framers, cannot send it.
  if (!options.frameAncestors?.length) res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cache-Control", "no-store");
  return nonce;
}
