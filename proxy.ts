// Runs before every page (not the /platform API, not static files). It
// refuses form posts a browser says come from another site, and gives App
// Router pages their Content-Security-Policy with a fresh nonce: Next reads
// the nonce for its own scripts from the request's policy header, so the
// policy goes on the request and on the response. The hosted card pages
// (Pages Router, /checkout/ and /embedded/) set their own policy in their response
// (lib/security/secure-page.ts); server.mjs puts a closed default policy on
// anything that reaches the browser without one.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/security/content-security-policy";
import { mayBeSameOriginPost } from "@/lib/security/same-origin-post";
import { NONCE_HEADER } from "@/lib/security/forwarded-headers";
import { getEnv } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The hosted card pages (Pages Router), which send their own policy. */
const OWN_POLICY_PATHS = ["/checkout/", "/embedded/"];

export function proxy(request: NextRequest) {
  // Every unsafe method: the portal's route handlers take PATCH and DELETE too.
  if (!SAFE_METHODS.has(request.method) && !mayBeSameOriginPost(request.headers, getEnv().PUBLIC_BASE_URL)) {
    return new NextResponse("Forbidden: this form can only be sent from its own page.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  if (OWN_POLICY_PATHS.some((prefix) => request.nextUrl.pathname.startsWith(prefix))) return NextResponse.next();

  const nonce = newNonce();
  // A customer's page in the portal frames the vault's own embedded card form (adding a card).
  const frameSrc = request.nextUrl.pathname.startsWith("/portal/customers/") ? ["'self'"] : [];
  const policy = contentSecurityPolicy({ nonce, frameSrc, https: getEnv().servedOverHttps });
  const forwarded = new Headers(request.headers);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", policy);
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("cache-control", "no-store");
  return response;
}

export const config = {
  // Every page; the API answers JSON, and static files and the hosted form's script carry no markup.
  matcher: ["/((?!platform/|_next/static/|_next/image|hosted/|favicon.ico).*)"],
};
