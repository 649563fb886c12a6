import "#server-only";
import { randomUUID, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { z } from "zod";
import { ApiError } from "../errors/api-error";
import { errorResult } from "../api/api-route";
import { clientAddressOf } from "../api/client-address";
import type { ApiResult } from "../api/envelope";
import { readJsonBody } from "../api/read-json-body";
import { zodFieldErrors } from "../errors/zod-fields";
import type { Actor } from "../audit/record-audit";
import { logger } from "../log/logger";
import { can, type Permission } from "./permissions";
import { openPortalSession, PORTAL_COOKIE, type OpenSession, type SessionStage } from "./portal-session";

/** The header every portal mutation carries its session's CSRF token in. */
export const CSRF_HEADER = "x-vault-csrf";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type PortalInput<P, B> = { session: OpenSession; actor: Actor; params: P; body: B; request: Request };

type PortalRouteSpec<P, B> = {
  /** What the user's role must allow; null for what any signed-in user may do (their own security settings). */
  permission: Permission | null;
  /** The session stage(s) the route serves; "signed_in" unless said otherwise. */
  stage?: SessionStage | SessionStage[];
  params?: z.ZodType<P>;
  body?: z.ZodType<B>;
};

/**
 * Wraps every portal mutation (the portal's counterpart of apiRoute): the
 * session cookie, the 15-minute idle rule, the CSRF token in x-vault-csrf
 * (a cross-site page can neither read it nor send a custom header without
 * a CORS preflight the vault never grants), the role check on the server,
 * a JSON body parsed with zod, one log line, and the API's error envelope.
 */
export function portalRoute<P = Record<string, never>, B = undefined>(
  spec: PortalRouteSpec<P, B>,
  handler: (input: PortalInput<P, B>) => Promise<ApiResult | Response>,
) {
  return async function route(request: Request, context: RouteContext): Promise<Response> {
    const startedAt = performance.now();
    const requestId = randomUUID();
    let result: ApiResult | Response;
    let session: OpenSession | null = null;
    try {
      session = await requireSession(spec.stage ?? "signed_in");
      if (!csrfMatches(session.csrf, request.headers.get(CSRF_HEADER))) {
        throw new ApiError("forbidden", "The form's security token is missing or stale; reload the page and try again.");
      }
      if (spec.permission && !can(session.user.role, spec.permission)) {
        throw new ApiError("forbidden", "Your role does not allow this.");
      }
      const actor: Actor = {
        merchantId: session.user.merchantId,
        actor: `user:${session.user.id}`,
        clientAddress: clientAddressOf(request),
        requestId,
      };
      const params = parse(spec.params, await context.params);
      const body = spec.body ? parse(spec.body, (await readJsonBody(request)).json) : (undefined as B);
      result = await handler({ session, actor, params, body, request });
    } catch (error) {
      result = errorResult(error, requestId);
    }
    const status = result instanceof Response ? result.status : result.status;
    logger.info(
      {
        requestId,
        method: request.method,
        path: new URL(request.url).pathname,
        status,
        user: session?.user.id,
        merchantId: session?.user.merchantId.toString(),
        ms: Math.round((performance.now() - startedAt) * 10) / 10,
      },
      "portal request",
    );
    if (result instanceof Response) return result;
    return Response.json(result.body, { status: result.status, headers: { "x-request-id": requestId, "cache-control": "no-store" } });
  };
}

/** The caller's session at the given stage, or a 401 the portal's pages turn into a sign-in. */
export async function requireSession(stage: SessionStage | SessionStage[]): Promise<OpenSession> {
  const jar = await cookies();
  const session = await openPortalSession(jar.get(PORTAL_COOKIE)?.value);
  if (session === "expired") throw new ApiError("unauthorized", "You were signed out after 15 idle minutes; sign in again.");
  if (session === "none" || ![stage].flat().includes(session.stage)) throw new ApiError("unauthorized", "Sign in to continue.");
  return session;
}

function csrfMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new ApiError("validation", "Please correct the highlighted fields.", zodFieldErrors(parsed.error, ""));
  return parsed.data;
}
