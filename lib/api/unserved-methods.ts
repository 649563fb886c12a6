import "#server-only";
import { ERROR_TABLE } from "../errors/error-table";
import { apiRoute } from "./api-route";

// Next.js answers a method a route file does not export with a bare 405,
// before any wrapper runs: outside the envelope, and to callers without a
// key, which lets anyone map the API. Each /platform route file therefore
// exports every method: the ones it serves, and these for the rest, which
// go through apiRoute like any other request (the key first, then a 405 in
// the envelope naming the methods that are served in Allow). HEAD and
// OPTIONS stay Next.js's own: it derives them from GET and from the exports.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof METHODS)[number];

/** Handlers for the methods a /platform route does not serve; spread them into the route file's exports. */
export function unservedMethods<const S extends RouteMethod>(...served: S[]) {
  const isServed = (method: RouteMethod): boolean => (served as RouteMethod[]).includes(method);
  const allow = [...METHODS.filter(isServed), ...(isServed("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed = apiRoute({}, async ({ request }) => {
    const row = ERROR_TABLE.method_not_allowed;
    return { status: row.status, body: { code: row.code, message: `${request.method} is not allowed here; allowed: ${allow}` }, headers: { allow } };
  });
  return Object.fromEntries(METHODS.filter((method) => !isServed(method)).map((method) => [method, notAllowed])) as Record<
    Exclude<RouteMethod, S>,
    typeof notAllowed
  >;
}
