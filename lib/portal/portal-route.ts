import "#server-only";
import { cookies } from "next/headers";
import type { z } from "zod";
import { ApiError } from "../errors/api-error";
import type { Actor } from "../audit/record-audit";
import { constantTimeEqual } from "../crypto/constant-time-equal";
import { routeCore, type RequestScope } from "../http/route-core";
import type { RouteAnswer } from "../http/route-result";
import { can, type Permission } from "./permissions";
import { openPortalSession, PORTAL_COOKIE, type OpenSession, type SessionStage } from "./portal-session";

/** The header every portal mutation carries its session's CSRF token in. */
export const CSRF_HEADER = "x-vault-csrf";

/** What the portal's wrappers tell lib/http/route-core.ts: their log line and their 400's message. */
export const PORTAL_CORE = { logMessage: "portal request", validationMessage: "Please correct the highlighted fields." };

export type PortalInput<P, B> = { session: OpenSession; actor: Actor; params: P; body: B; request: Request };

type PortalRouteSpec<P, B> = {
  /** What the user's role must allow; null for what any signed-in user may do (their own security settings). */
  permission: Permission | null;
  /** The session stage(s) the route serves; "signed_in" unless said otherwise. */
  stage?: SessionStage | SessionStage[];
  params?: z.ZodType<P>;
  body?: z.ZodType<B>;
  /**
   * Set only for a download a plain link starts (the audit export): a GET
   * cannot carry the CSRF header. Such a route must change nothing a forger
   * could want; the SameSite=Strict cookie never comes cross-site anyway.
   * Every other route checks the token, whatever its method.
   */
  linkDownload?: true;
};

/**
 * Wraps every portal route that needs a session (the portal's counterpart of
 * apiRoute; lib/http/route-core.ts does the request id, zod, the log line
 * and the envelope): the session cookie, the 15-minute idle rule, the CSRF
 * token in x-vault-csrf, and the role check on the server.
 */
export function portalRoute<P = Record<string, never>, B = undefined>(
  spec: PortalRouteSpec<P, B>,
  handler: (input: PortalInput<P, B>) => Promise<RouteAnswer>,
) {
  return routeCore(PORTAL_CORE, async (scope, request) => {
    const session = await requireSession(spec.stage ?? "signed_in");
    noteSession(scope, session);
    // A cross-site page can neither read the token nor send a custom header
    // without a CORS preflight the vault never grants.
    if (!(spec.linkDownload && scope.method === "GET")) requireCsrf(scope, session.csrf);
    if (spec.permission && !can(session.user.role, spec.permission)) {
      throw new ApiError("forbidden", "Your role does not allow this.");
    }
    const { params, body } = await scope.parseInput({ params: spec.params, body: spec.body });
    return handler({ session, actor: portalActor(scope, session), params, body, request });
  });
}

/** The caller's session at the given stage, or a 401 the portal's pages turn into a sign-in. */
export async function requireSession(stage: SessionStage | SessionStage[]): Promise<OpenSession> {
  const jar = await cookies();
  const session = await openPortalSession(jar.get(PORTAL_COOKIE)?.value);
  if (session === "expired") throw new ApiError("unauthorized", "You were signed out after 15 idle minutes; sign in again.");
  if (session === "none" || ![stage].flat().includes(session.stage)) throw new ApiError("unauthorized", "Sign in to continue.");
  return session;
}

/** A 403 unless x-vault-csrf carries `expected` (compared in constant time). */
export function requireCsrf(
  scope: RequestScope,
  expected: string,
  refusal = "The form's security token is missing or stale; reload the page and try again.",
): void {
  if (!constantTimeEqual(expected, scope.header(CSRF_HEADER))) throw new ApiError("forbidden", refusal);
}

/** Puts the session's user on the request's log line. */
export function noteSession(scope: RequestScope, session: OpenSession): void {
  scope.log.user = session.user.id;
  scope.log.merchantId = session.user.merchantId.toString();
}

/** Who the audit log names for what this request does. */
export function portalActor(scope: RequestScope, session: OpenSession): Actor {
  return { merchantId: session.user.merchantId, actor: `user:${session.user.id}`, clientAddress: scope.clientAddress, requestId: scope.requestId };
}
