import "#server-only";
import type { z } from "zod";
import type { ZodOpenApiOperationObject } from "zod-openapi";
import { ApiError } from "../errors/api-error";
import type { ApiResult } from "./envelope";
import { authenticateApiKey } from "../auth/authenticate-api-key";
import type { Actor } from "../audit/record-audit";
import { errorResult } from "../http/error-result";
import type { CoreOptions, InputSpec, RequestScope } from "../http/route-core";
import type { RouteResult } from "../http/route-result";
import { FirstWriteRefused } from "../db/first-write";
import { answerOnce, hashRequestBody, parseIdempotencyKey } from "../idempotency/idempotent-request";
import { operation, type OperationSpec } from "../openapi/operation";
import { pgErrorResult } from "./pg-error-result";

export type ApiInput<P, Q, B> = { actor: Actor; params: P; query: Q; body: B };

export type ApiMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Where the API's operations are served: the Platform API, and the payment gateway's. */
export type ApiPrefix = "/platform" | "/pg";

/** One operation of the API: where it is served, what the OpenAPI document says of it, and what it runs. */
export type ApiRoute = {
  method: ApiMethod;
  prefix: ApiPrefix;
  /** The path as the OpenAPI document writes it, under the prefix: `/vault/customer/{customer_id}`. */
  path: string;
  openapi: ZodOpenApiOperationObject;
  /** The route's log message and validation message. */
  core: CoreOptions;
  /** The route's own part of the pipeline (lib/http/route-core.ts does the rest); the API answers JSON only. */
  run: (scope: RequestScope) => Promise<RouteResult>;
};

/** Operations that need an API key. */
export const API_CORE: CoreOptions = { logMessage: "api request", validationMessage: "Request validation failed" };
/** The public document, which needs none. */
export const PUBLIC_CORE: CoreOptions = { logMessage: "public request", validationMessage: "Request validation failed" };
/** The payment gateway's operations: an API key, and refusals in the PG envelope (`rcode`, `rmsg`). */
export const PG_CORE: CoreOptions = { logMessage: "pg request", validationMessage: "Request validation failed", answerError: pgErrorResult };

/** The operation spec with the schemas typed, so the handler's input is. */
type TypedSpec<P, Q, B> = Omit<OperationSpec, "path" | "query" | "body"> & {
  path?: z.ZodType<P> & OperationSpec["path"];
  query?: z.ZodType<Q> & OperationSpec["query"];
  body?: z.ZodType<B>;
};

/**
 * An authenticated operation of the Platform API: the API key, the
 * merchant_id check, the schemas (the same ones the OpenAPI document shows),
 * and the Idempotency-Key on POST, around `handler`.
 */
export function apiOperation<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  method: ApiMethod,
  path: string,
  spec: TypedSpec<P, Q, B>,
  handler: (input: ApiInput<P, Q, B>) => Promise<ApiResult>,
): ApiRoute {
  const run = authenticatedRun(method, API_CORE, { params: spec.path, query: spec.query, body: spec.body }, handler);
  return { method, prefix: "/platform", path, openapi: operation(method.toLowerCase() as Lowercase<ApiMethod>, spec), core: API_CORE, run };
}

/**
 * An operation of the payment gateway API (/pg): the same key, merchant_id
 * check and Idempotency-Key as the Platform API's, answering in the PG
 * envelope. Every one is a POST.
 */
export function pgOperation<P = Record<string, never>, B = undefined>(
  path: string,
  schemas: { path?: z.ZodType<P>; body: z.ZodType<B> },
  openapi: ZodOpenApiOperationObject,
  handler: (input: ApiInput<P, Record<string, never>, B>) => Promise<ApiResult>,
): ApiRoute {
  const run = authenticatedRun("POST", PG_CORE, { params: schemas.path, body: schemas.body }, handler);
  return { method: "POST", prefix: "/pg", path, openapi, core: PG_CORE, run };
}

function authenticatedRun<P, Q, B>(
  method: ApiMethod,
  core: CoreOptions,
  schemas: InputSpec<P, Q, B>,
  handler: (input: ApiInput<P, Q, B>) => Promise<ApiResult>,
): (scope: RequestScope) => Promise<RouteResult> {
  const answerError = core.answerError ?? errorResult;
  return async (scope) => {
    const actor = await authenticateCaller(scope);
    const rawBody = schemas.body ? await scope.readBody() : undefined;
    checkMerchantScope(actor.merchantId, scope.url.searchParams.get("merchant_id"), rawBody?.json.merchant_id);
    const { params, query, body } = await scope.parseInput(schemas);
    const input: ApiInput<P, Q, B> = { actor, params, query, body };

    const idempotencyKey = method === "POST" ? parseIdempotencyKey(scope.header("idempotency-key")) : null;
    if (idempotencyKey === null) return handler(input);
    const idempotencyScope = { merchantId: actor.merchantId, method, path: scope.url.pathname, key: idempotencyKey };
    // The handler's answer is recorded, a refusal included, so a retry gets the same one.
    // Refusals before the handler (the key, the body, merchant_id, validation) record nothing.
    const { answer, replayed } = await answerOnce(idempotencyScope, hashRequestBody(rawBody?.raw ?? ""), () =>
      runToResult(() => handler(input), scope.requestId, answerError),
    );
    if (replayed) {
      scope.log.idempotentReplay = true;
      scope.headers["idempotent-replayed"] = "true";
    }
    return answer;
  };
}

/** An operation anyone may call: what it answers belongs to no merchant. */
export function publicOperation(method: ApiMethod, path: string, openapi: ZodOpenApiOperationObject, run: () => Promise<RouteResult>): ApiRoute {
  return { method, prefix: "/platform", path, openapi, core: PUBLIC_CORE, run };
}

/** The caller's API key, as the actor the audit log names; a 401 without a valid one. */
export async function authenticateCaller(scope: RequestScope): Promise<Actor> {
  const caller = await authenticateApiKey(scope.header("authorization"));
  scope.log.merchantId = caller.merchantId.toString();
  return { merchantId: caller.merchantId, actor: `api_key:${caller.apiKeyId}`, clientAddress: scope.clientAddress, requestId: scope.requestId };
}

/** A keyed request's run as the answer to record: a refusal it throws becomes its envelope (the portal's payments record theirs the same way). */
export async function runToResult(run: () => Promise<ApiResult>, requestId: string, answerError: typeof errorResult): Promise<ApiResult> {
  try {
    return await run();
  } catch (error) {
    // Not a failure: a concurrent twin holds the key, and answerOnce answers with its answer.
    if (error instanceof FirstWriteRefused) throw error;
    return answerError(error, requestId);
  }
}

// A key acts for its own merchant only; naming another merchant_id is a 403
// (docs/api-contract.md): clients of the reference API send their own
// merchant_id, so it is checked, not ignored. 0 or absent means "my own".
function checkMerchantScope(own: bigint, fromQuery: string | null, fromBody: unknown): void {
  for (const value of [fromQuery, fromBody]) {
    if (value === null || value === undefined || value === "" || value === 0 || value === "0") continue;
    const asText = typeof value === "number" || typeof value === "string" ? String(value) : "";
    if (!/^\d{1,16}$/.test(asText)) {
      throw new ApiError("validation", "Request validation failed", { merchant_id: "must be an integer merchant id" });
    }
    if (BigInt(asText) !== own) throw new ApiError("forbidden", "This API key cannot act for that merchant_id");
  }
}
