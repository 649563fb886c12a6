// Runs before every page (not the /platform API, not static files): gives
// the response its Content-Security-Policy with a fresh nonce, refuses form
// posts from any other origin, and gives a hosted card page its session
// cookie. Next reads the nonce for its own scripts from the request's
// Content-Security-Policy header, so the policy goes on the request and on
// the response; server.mjs puts a closed default policy on any response that
// reaches the browser without one.
import { NextResponse, type NextRequest } from "next/server";
import { checkoutRedirectOrigins } from "@/lib/checkout/checkout-page-policy";
import { CHECKOUT_SESSION_COOKIE, checkoutCookieOptions, newCheckoutSession, openCheckoutSession } from "@/lib/checkout/checkout-session";
import { CHECKOUT_ID_PATTERN } from "@/lib/checkout/schemas";
import { contentSecurityPolicy, newNonce } from "@/lib/security/content-security-policy";
import { mayBeSameOriginPost } from "@/lib/security/same-origin-post";
import { CSRF_HEADER, NONCE_HEADER } from "@/lib/security/forwarded-headers";
import { getEnv } from "@/lib/env";

export async function proxy(request: NextRequest) {
  if (request.method === "POST" && !mayBeSameOriginPost(request.headers, getEnv().PUBLIC_BASE_URL)) {
    return new NextResponse("Forbidden: this form can only be sent from its own page.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const nonce = newNonce();
  const checkoutId = checkoutIdOf(request.nextUrl.pathname);
  const policy = contentSecurityPolicy({
    nonce,
    formActionOrigins: checkoutId ? await checkoutRedirectOrigins(checkoutId) : [],
    https: getEnv().PUBLIC_BASE_URL.startsWith("https:"),
  });

  const forwarded = new Headers(request.headers);
  forwarded.delete(CSRF_HEADER);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set("content-security-policy", policy);

  // A card page's session: kept while it is this link's, else a new one.
  let newCookie: string | null = null;
  if (checkoutId && request.method === "GET") {
    const current = await openCheckoutSession(request.cookies.get(CHECKOUT_SESSION_COOKIE)?.value, checkoutId);
    if (current) {
      forwarded.set(CSRF_HEADER, current.csrf);
    } else {
      const fresh = await newCheckoutSession(checkoutId);
      forwarded.set(CSRF_HEADER, fresh.session.csrf);
      newCookie = fresh.sealed;
    }
  }

  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", policy);
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("cache-control", "no-store");
  if (newCookie && checkoutId) response.cookies.set(CHECKOUT_SESSION_COOKIE, newCookie, checkoutCookieOptions(checkoutId));
  return response;
}

/** The link id of /checkout/{id} and the pages under it. */
function checkoutIdOf(pathname: string): string | null {
  const id = /^\/checkout\/([^/]+)/.exec(pathname)?.[1];
  return id && CHECKOUT_ID_PATTERN.test(id) ? id : null;
}

export const config = {
  // Every page; the API answers JSON and static files carry no markup.
  matcher: ["/((?!platform/|_next/static/|_next/image|favicon.ico).*)"],
};
