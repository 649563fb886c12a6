// A first screen for form posts to our pages: refuse any that a browser
// says come from another site. The browser's word is
// Sec-Fetch-Site, and the Origin header when it names one. Neither can be
// required: our pages send `Referrer-Policy: no-referrer`, under which
// browsers send `Origin: null` with a form post, even to the page's own
// origin. So a post without a verdict passes this screen, and the session
// cookie and form token (lib/checkout/checkout-session.ts) decide: a
// cross-site post, also one with `Origin: null`, arrives without the
// SameSite=Strict cookie. (Next's server actions refuse `Origin: null`
// outright, which is one reason the hosted pages do not use them.)

/** Whether a POST with these headers may come from our own origin (the public one, or the one the client addressed). */
export function mayBeSameOriginPost(headers: Headers, publicBaseUrl: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const origin = headers.get("origin");
  if (origin === null || origin === "null") return true;
  const allowed = new Set<string>([new URL(publicBaseUrl).origin]);
  const host = headers.get("host");
  if (host) allowed.add(`${publicBaseUrl.startsWith("https:") ? "https" : "http"}://${host}`);
  return allowed.has(origin);
}
