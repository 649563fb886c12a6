import "#server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ApiError } from "./api-error";
import { ERROR_TABLE } from "./error-table";
import { toApiError } from "./to-api-error";
import { zodFieldErrors } from "./zod-fields";
import { readJsonBody } from "./read-json-body";
import { clientAddressOf } from "./client-address";
import type { ApiResult } from "./envelope";
import { authenticateApiKey } from "../auth/authenticate-api-key";
import type { Actor } from "../audit/record-audit";
import {
  beginIdempotentRequest,
  finishIdempotentRequest,
  hashRequestBody,
  parseIdempotencyKey,
} from "../idempotency/idempotent-request";
import { logger } from "../log/logger";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type ApiInput<P, Q, B> = { actor: Actor; params: P; query: Q; body: B; request: Request };

type RouteSpec<P, Q, B> = {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
};

/**
 * Wraps every /platform handler: request id, API-key auth, body limits,
 * zod parsing of path, query and body, the merchant_id check, Idempotency-Key
 * on POST, one log line, and every error mapped to the envelope.
 */
export function apiRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: ApiInput<P, Q, B>) => Promise<ApiResult>,
) {
  return async function route(request: Request, context: RouteContext): Promise<Response> {
    const startedAt = performance.now();
    const requestId = randomUUID();
    const url = new URL(request.url);
    let merchantId: bigint | undefined;
    let result: ApiResult;
    let replayed = false;
    try {
      const caller = await authenticateApiKey(request.headers.get("authorization"));
      merchantId = caller.merchantId;
      const actor: Actor = {
        merchantId: caller.merchantId,
        actor: `api_key:${caller.apiKeyId}`,
        clientAddress: clientAddressOf(request),
        requestId,
      };
      const rawBody = spec.body ? await readJsonBody(request) : undefined;
      checkMerchantScope(caller.merchantId, url.searchParams.get("merchant_id"), rawBody?.json.merchant_id);

      const params = parseOrThrow(spec.params, await context.params, "");
      const query = parseOrThrow(spec.query, queryObject(url.searchParams), "");
      const body = parseOrThrow(spec.body, rawBody?.json, "") as B;
      const input = { actor, params, query, body, request } as ApiInput<P, Q, B>;

      const idempotencyKey = request.method === "POST" ? parseIdempotencyKey(request.headers.get("idempotency-key")) : null;
      if (idempotencyKey === null) {
        result = await handler(input);
      } else {
        const scope = { merchantId: caller.merchantId, method: request.method, path: url.pathname, key: idempotencyKey };
        const start = await beginIdempotentRequest(scope, hashRequestBody(rawBody?.raw ?? ""));
        if (start.kind === "replay") {
          replayed = true;
          result = { status: start.response.status, body: JSON.parse(start.response.body) as Record<string, unknown> };
        } else {
          result = await runToResult(() => handler(input), requestId);
          await finishIdempotentRequest(start.recordId, { status: result.status, body: JSON.stringify(result.body) });
        }
      }
    } catch (error) {
      result = errorResult(error, requestId);
    }

    logger.info(
      {
        requestId,
        method: request.method,
        path: url.pathname,
        status: result.status,
        code: result.body.code,
        merchantId: merchantId?.toString(),
        ms: Math.round((performance.now() - startedAt) * 10) / 10,
        ...(replayed ? { idempotentReplay: true } : {}),
      },
      "api request",
    );
    const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
    if (replayed) headers["idempotent-replayed"] = "true";
    return Response.json(result.body, { status: result.status, headers });
  };
}

async function runToResult(run: () => Promise<ApiResult>, requestId: string): Promise<ApiResult> {
  try {
    return await run();
  } catch (error) {
    return errorResult(error, requestId);
  }
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

function parseOrThrow<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string): T {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new ApiError("validation", "Request validation failed", zodFieldErrors(parsed.error, prefix));
  return parsed.data;
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

/** Maps any thrown value to the envelope; unknown errors become a logged, generic 500. */
export function errorResult(error: unknown, requestId: string): ApiResult {
  const known = toApiError(error);
  if (known) {
    const row = ERROR_TABLE[known.kind];
    const message = known.message === known.kind ? row.message : known.message;
    const body: Record<string, unknown> = { code: row.code, message };
    if (known.fields) body.data = known.fields;
    return { status: row.status, body };
  }
  logger.error({ err: error, requestId }, "unhandled error");
  const row = ERROR_TABLE.internal;
  return { status: row.status, body: { code: row.code, message: row.message, data: { request_id: requestId } } };
}
