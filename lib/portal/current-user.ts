import "#server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { can, type Permission } from "./permissions";
import { openPortalSession, PORTAL_COOKIE, type OpenSession, type SessionStage } from "./portal-session";
import { STAGE_HOME } from "./sign-in";

/**
 * The signed-in user of a portal page. A visitor without a session goes to
 * sign-in (with a note when 15 idle minutes ended it); a session part-way
 * through signing in goes back to its step. A page the role may not see
 * answers 404, as a page of another merchant would.
 */
export async function requirePortalUser(options: { permission?: Permission; stage?: SessionStage } = {}): Promise<OpenSession> {
  const session = await sessionOfRequest();
  if (session === "none") redirect("/portal/sign-in");
  if (session === "expired") redirect("/portal/sign-in?reason=expired");
  const stage = options.stage ?? "signed_in";
  if (session.stage !== stage) redirect(STAGE_HOME[session.stage]);
  if (options.permission && !can(session.user.role, options.permission)) notFound();
  return session;
}

/** The session if there is a live one, without redirecting (the sign-in page uses it). */
export async function currentPortalSession(): Promise<OpenSession | null> {
  const session = await sessionOfRequest();
  return typeof session === "object" ? session : null;
}

// Once per request: the layout and the page both ask.
const sessionOfRequest = cache(async () => openPortalSession((await cookies()).get(PORTAL_COOKIE)?.value));
