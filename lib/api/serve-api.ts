import "#server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { incomingOfNodeRequest, urlOfNodeRequest } from "../http/incoming";
import { runRoute } from "../http/route-core";
import { API_PREFIXES, findApiRoute } from "./api-router";

// The API served from node:http, without Next.js: server.mjs hands every
// request under /platform and /pg to serveApi (from the bundle
// scripts/build-server.mjs makes of this file), and the rest to Next.js.
// The pipeline is the same one Next.js's route handlers run
// (lib/http/route-core.ts); only reading the request and writing the answer
// differ.

/** True when the path belongs to the API rather than to Next.js's pages. */
export function isApiPath(pathname: string): boolean {
  return API_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Answers one API request. */
export async function serveApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = urlOfNodeRequest(request);
  const route = findApiRoute(request.method ?? "GET", url.pathname);
  const { status, headers, json } = await runRoute(route.core, route.run, incomingOfNodeRequest(request, url, route.params));
  if (json === null) return void response.writeHead(status, headers).end();
  response.writeHead(status, { ...headers, "content-length": Buffer.byteLength(json) }).end(json);
}
