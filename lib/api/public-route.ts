import "#server-only";
import type { RouteAnswer } from "../http/route-result";
import { routeCore, type RequestScope } from "../http/route-core";

/**
 * Wraps a /platform handler that needs no API key because what it answers
 * belongs to no merchant (the public OpenAPI document): the same pipeline as
 * apiRoute (request id, one log line, errors in the envelope), without
 * authentication.
 */
export function publicRoute(handler: (scope: RequestScope) => Promise<RouteAnswer>) {
  return routeCore({ logMessage: "public request", validationMessage: "Request validation failed" }, handler);
}
