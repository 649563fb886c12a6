import "#server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ApiError } from "../errors/api-error";
import { FIELD_PARSE_PARAMS, zodFieldErrors } from "../errors/zod-fields";
import { logger } from "../log/logger";
import { clientAddressIn } from "./client-address";
import { incomingOfRequest, type Incoming, type PathParams } from "./incoming";
import { errorResult } from "./error-result";
import { readJsonBody, type JsonBody } from "./read-json-body";
import type { RouteAnswer, RouteResult } from "./route-result";

/** The second argument Next.js passes a route handler. */
export type RouteContext = { params: Promise<PathParams> };

/** The zod schemas a route gives for its path, query and body; a part without one is passed through as read. */
export type InputSpec<P, Q, B> = { params?: z.ZodType<P>; query?: z.ZodType<Q>; body?: z.ZodType<B> };

/** One request as the wrappers see it, with what every request needs done once. */
export type RequestScope = {
  method: string;
  /** A request header's value (lower-case name). */
  header(name: string): string | null;
  requestId: string;
  url: URL;
  /** The address server.mjs recorded for the client. */
  clientAddress: string | null;
  /** Fields the wrapper adds to the request's one log line (the caller's merchant, the user). */
  log: Record<string, unknown>;
  /** Headers the wrapper adds to the answer. */
  headers: Record<string, string>;
  /** The JSON body, read at most once: 415, 413 and 400 come from here. */
  readBody(): Promise<JsonBody>;
  /** Path, query and body parsed with the route's schemas; a failure is a 400 listing each field. */
  parseInput<P, Q, B>(spec: InputSpec<P, Q, B>): Promise<{ params: P; query: Q; body: B }>;
};

export type CoreOptions = {
  /** The log line's message: which wrapper answered. */
  logMessage: string;
  /** The 400's message when a schema refuses the input. */
  validationMessage: string;
  /** How a thrown error is answered: the envelope (errorResult) unless the wrapper speaks another (the payment gateway's). */
  answerError?: (error: unknown, requestId: string) => RouteResult;
};

/** A finished JSON answer: its status, headers and text (null for a 204, which has no body). */
export type JsonAnswered = { status: number; headers: Record<string, string>; json: string | null };
/** A finished answer: JSON, or a handler's own Response (a stream). */
export type Answered = JsonAnswered | Response;

/**
 * The one request pipeline under every route: a request id, body reading,
 * zod parsing, one log line, and every error mapped to the envelope.
 * `authorize` is the wrapper's own part (who is calling, and may they); it
 * answers the envelope, or a Response for a download. Next.js's route
 * handlers reach it through routeCore below; the API, served by server.mjs
 * without Next.js, through lib/api/serve-api.ts.
 */
export function runRoute(options: CoreOptions, authorize: (scope: RequestScope) => Promise<RouteResult>, incoming: Incoming): Promise<JsonAnswered>;
export function runRoute(options: CoreOptions, authorize: (scope: RequestScope) => Promise<RouteAnswer>, incoming: Incoming): Promise<Answered>;
export async function runRoute(options: CoreOptions, authorize: (scope: RequestScope) => Promise<RouteAnswer>, incoming: Incoming): Promise<Answered> {
  const startedAt = performance.now();
  const scope = newScope(incoming, options.validationMessage);
  let answer: RouteAnswer;
  try {
    answer = await authorize(scope);
  } catch (error) {
    answer = (options.answerError ?? errorResult)(error, scope.requestId);
  }
  logger.info(
    {
      requestId: scope.requestId,
      method: incoming.method,
      path: scope.url.pathname,
      status: answer.status,
      code: answer instanceof Response ? undefined : (answer.body.code ?? answer.body.rcode),
      ...scope.log,
      ms: Math.round((performance.now() - startedAt) * 10) / 10,
    },
    options.logMessage,
  );
  const ours: Record<string, string> = { "x-request-id": scope.requestId, "cache-control": "no-store", ...scope.headers };
  if (answer instanceof Response) {
    // A handler's own Response (a stream) keeps its headers; ours are added where it set none.
    const headers = new Headers(answer.headers);
    for (const [name, value] of Object.entries(ours)) if (!headers.has(name)) headers.set(name, value);
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
  }
  if (answer.status === 204) return { status: 204, headers: { ...ours, ...answer.headers }, json: null };
  return { status: answer.status, headers: { "content-type": "application/json", ...ours, ...answer.headers }, json: JSON.stringify(answer.body) };
}

/**
 * A Next.js route handler running `authorize` through the pipeline. The
 * wrappers that need what only Next.js gives (the portal's cookies) get the
 * fetch Request as well.
 */
export function routeCore(options: CoreOptions, authorize: (scope: RequestScope, request: Request) => Promise<RouteAnswer>) {
  return async function route(request: Request, context: RouteContext): Promise<Response> {
    const answered = await runRoute(options, (scope) => authorize(scope, request), incomingOfRequest(request, await context.params));
    if (answered instanceof Response) return answered;
    return new Response(answered.json, { status: answered.status, headers: answered.headers });
  };
}

function newScope(incoming: Incoming, validationMessage: string): RequestScope {
  const url = incoming.url;
  let body: Promise<JsonBody> | undefined;
  const readBody = () => (body ??= readJsonBody(incoming));
  return {
    method: incoming.method,
    header: incoming.header,
    requestId: randomUUID(),
    url,
    clientAddress: clientAddressIn({ get: incoming.header }),
    log: {},
    headers: {},
    readBody,
    async parseInput<P, Q, B>(spec: InputSpec<P, Q, B>) {
      const parse = <T>(schema: z.ZodType<T> | undefined, value: unknown): T => {
        if (!schema) return value as T;
        const parsed = schema.safeParse(value ?? {}, FIELD_PARSE_PARAMS);
        if (!parsed.success) throw new ApiError("validation", validationMessage, zodFieldErrors(parsed.error, ""));
        return parsed.data;
      };
      const params = parse(spec.params, incoming.params);
      const query = parse(spec.query, queryObject(url.searchParams));
      const input = spec.body ? (await readBody()).json : undefined;
      return { params, query, body: parse(spec.body, input) };
    },
  };
}

// A repeated parameter (filter=...&filter=...) becomes an array, not its last value.
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}
