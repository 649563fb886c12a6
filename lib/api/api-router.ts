import "#server-only";
import FindMyWay from "find-my-way";
import { ApiError } from "../errors/api-error";
import { ERROR_TABLE } from "../errors/error-table";
import type { PathParams } from "../http/incoming";
import type { RouteResult } from "../http/route-result";
import { API_CORE, authenticateCaller, PG_CORE, type ApiMethod, type ApiRoute } from "./api-operation";
import { API_ROUTES } from "./route-table";

// Finds the operation for a request in the route table, with find-my-way
// (Fastify's router): a radix tree, so a lookup costs the same with 30
// operations or 300. Every request the table does not serve still answers in
// the envelope, and only after the API key, so the set of operations cannot
// be mapped without one: an unknown path is a 404, a method the path does not
// serve a 405 naming those it does in Allow, OPTIONS a 204 with the same
// Allow. HEAD is GET without the body (node:http drops it).

/** The API's places under the server: the Platform API, and the payment gateway's. */
export const API_PREFIXES = ["/platform", "/pg"] as const;

const SERVED: readonly ApiMethod[] = ["GET", "POST", "PUT", "DELETE"];

const router = FindMyWay({
  ignoreTrailingSlash: true,
  // An over-long id is the schema's 400 to give, not a missing route.
  maxParamLength: 8 * 1024,
});
for (const route of API_ROUTES) {
  router.on(route.method, `${route.prefix}${route.path.replace(/\{(\w+)\}/g, ":$1")}`, () => undefined, route);
}

/** The operation that answers this request, and the path parameters it was found with. */
export type RouteFound = { core: ApiRoute["core"]; run: ApiRoute["run"]; params: PathParams };

export function findApiRoute(method: string, pathname: string): RouteFound {
  const lookup = method === "HEAD" ? "GET" : method;
  if ((SERVED as readonly string[]).includes(lookup)) {
    const found = router.find(lookup as ApiMethod, pathname);
    if (found) {
      const route = found.store as ApiRoute;
      return { core: route.core, run: route.run, params: found.params };
    }
  }
  const served = SERVED.filter((other) => router.find(other, pathname) !== null);
  // Refusals answer in the envelope of the API the path is under.
  const core = pathname === "/pg" || pathname.startsWith("/pg/") ? PG_CORE : API_CORE;
  if (served.length === 0) return refusal(core, notFound);
  const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return refusal(core, method === "OPTIONS" ? allowed(allow) : notAllowed(core, method, allow));
}

function refusal(core: ApiRoute["core"], answer: () => RouteResult): RouteFound {
  return {
    core,
    params: {},
    run: async (scope) => {
      await authenticateCaller(scope);
      return answer();
    },
  };
}

const notFound = (): RouteResult => {
  throw new ApiError("not_found", "No such API operation");
};

const notAllowed = (core: ApiRoute["core"], method: string, allow: string) => (): RouteResult => {
  const row = ERROR_TABLE.method_not_allowed;
  const message = `${method} is not allowed here; allowed: ${allow}`;
  const body = core === PG_CORE ? { rcode: "109", rmsg: message } : { code: row.code, message };
  return { status: row.status, body, headers: { allow } };
};

const allowed = (allow: string) => (): RouteResult => ({ status: 204, body: {}, headers: { allow } });
