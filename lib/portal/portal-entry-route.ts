import "#server-only";
import { cookies } from "next/headers";
import type { z } from "zod";
import { routeCore } from "../http/route-core";
import type { RouteAnswer } from "../http/route-result";
import { noteSession, PORTAL_CORE, requireCsrf } from "./portal-route";
import { openPortalSession, PORTAL_COOKIE, type OpenSession } from "./portal-session";
import { SIGN_IN_CSRF } from "./sign-in-csrf";

export type EntryInput<B> = {
  /** The caller's live session (any stage) for a "session" route; null when there is none, and always for "sign-in". */
  session: OpenSession | null;
  clientAddress: string | null;
  requestId: string;
  body: B;
  request: Request;
};

type EntrySpec<B> = {
  /**
   * Which token x-vault-csrf must carry. "sign-in": the fixed SIGN_IN_CSRF,
   * for the pages that come before any session (signing in, accepting an
   * invitation); a cross-site page cannot send a custom header without a
   * CORS preflight, which the vault never grants, and the JSON body needs
   * one as well. "session": the live session's own token, when there is one.
   */
  csrf: "sign-in" | "session";
  /** The 403's message when the token is wrong (it tells the user where to go). */
  refusal?: string;
  body?: z.ZodType<B>;
};

/**
 * Wraps the portal's doors (signing in, accepting an invitation, signing
 * out): routes that run with no session, or end one, so portalRoute's
 * "a session at this stage" does not fit them. lib/http/route-core.ts does
 * the rest, as for every route.
 */
export function portalEntryRoute<B = undefined>(spec: EntrySpec<B>, handler: (input: EntryInput<B>) => Promise<RouteAnswer>) {
  return routeCore(PORTAL_CORE, async (scope, request) => {
    let session: OpenSession | null = null;
    if (spec.csrf === "sign-in") {
      requireCsrf(scope, SIGN_IN_CSRF, spec.refusal);
    } else {
      const opened = await openPortalSession((await cookies()).get(PORTAL_COOKIE)?.value);
      if (typeof opened === "object") {
        session = opened;
        noteSession(scope, session);
        requireCsrf(scope, session.csrf, spec.refusal);
      }
    }
    const { body } = await scope.parseInput({ body: spec.body });
    return handler({ session, clientAddress: scope.clientAddress, requestId: scope.requestId, body, request });
  });
}
