// The Content-Security-Policy of the vault's HTML pages. Scripts and styles
// run only from our own origin or with the request's nonce, nothing loads
// from a third party, and forms may post only to us and to the origins a
// page names (Chromium applies form-action to the redirect after a form
// post, so the hosted page lists the link's success and failure origins;
// docs/api-contract.md). No page may be framed unless it names who may
// frame it (the embedded card page and the merchant's registered origins).

export type PagePolicy = {
  nonce: string;
  /** Origins forms on the page may post to, or be redirected to after a post, besides our own. */
  formActionOrigins?: readonly string[];
  /** Origins that may frame the page; none by default. */
  frameAncestors?: readonly string[];
  /** Sources the page may frame; none by default (the portal frames the vault's own embedded card form). */
  frameSrc?: readonly string[];
  /** The page is served over https: ask the browser to upgrade any http subresource. */
  https?: boolean;
};

/** The header value for one response; the nonce must be fresh per response. */
export function contentSecurityPolicy({ nonce, formActionOrigins = [], frameAncestors = [], frameSrc = [], https = false }: PagePolicy): string {
  const directives = [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    // data: for a merchant logo stored with the branding (lib/merchants/logo.ts).
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    `form-action ${["'self'", ...unique(formActionOrigins)].join(" ")}`,
    `frame-ancestors ${frameAncestors.length > 0 ? unique(frameAncestors).join(" ") : "'none'"}`,
    ...(frameSrc.length > 0 ? [`frame-src ${unique(frameSrc).join(" ")}`] : []),
    "base-uri 'none'",
    "object-src 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The origin (scheme://host[:port]) of an absolute URL, or null. */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
