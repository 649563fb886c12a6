import "#server-only";
import { createHash, randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { constantTimeEqual } from "../crypto/constant-time-equal";
import { ironPassword } from "../crypto/iron-password";
import { getEnv } from "../env";

// The hosted page's session: an iron-session cookie (sealed and
// authenticated, so the browser can neither read nor forge it) bound to one
// link by its contents and by its path. It carries the token the page's form
// sends back in a hidden field, so a form post must come from a page this
// browser loaded for this link (CSRF: a cross-site post, also one with
// `Origin: null`, arrives without the SameSite=Strict cookie). The embedded
// iframe cannot use cookies (a cross-site frame gets none); its transient key
// plays this part there.

export const CHECKOUT_SESSION_COOKIE = "vault_checkout";
/** How long a loaded page stays submittable; a reload starts a new session. */
const SESSION_TTL_SECONDS = 12 * 60 * 60;

export type CheckoutSession = { checkoutId: string; csrf: string };

const sessionPassword = () => ironPassword("customer-vault checkout session v1");

/** A new session for the link, sealed for its cookie. */
export async function newCheckoutSession(checkoutId: string): Promise<{ session: CheckoutSession; sealed: string }> {
  const session = { checkoutId, csrf: randomBytes(24).toString("base64url") };
  return { session, sealed: await sealData(session, { password: sessionPassword(), ttl: SESSION_TTL_SECONDS }) };
}

/** The session in a cookie if it is genuine, unexpired and bound to this link; otherwise null. */
export async function openCheckoutSession(sealed: string | undefined, checkoutId: string): Promise<CheckoutSession | null> {
  if (!sealed) return null;
  try {
    const data = await unsealData<Partial<CheckoutSession>>(sealed, { password: sessionPassword(), ttl: SESSION_TTL_SECONDS });
    if (data.checkoutId !== checkoutId || typeof data.csrf !== "string") return null;
    return { checkoutId, csrf: data.csrf };
  } catch {
    return null;
  }
}

/** Whether the form's token is the session's (constant time). */
export function csrfMatches(session: CheckoutSession | null, token: unknown): boolean {
  if (!session || typeof token !== "string") return false;
  return constantTimeEqual(session.csrf, token);
}

/** What a spent link records of the session that spent it (SHA-256, hex): never the token itself. */
export function formTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The Set-Cookie header for a sealed session: only this link's path, never readable by script, never sent cross-site. */
export function checkoutSessionCookie(checkoutId: string, sealed: string): string {
  const secure = getEnv().servedOverHttps ? "; Secure" : "";
  return `${CHECKOUT_SESSION_COOKIE}=${sealed}; Path=/checkout/${checkoutId}; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; SameSite=Strict${secure}`;
}
