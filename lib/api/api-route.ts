import "#server-only";
import type { z } from "zod";
import { ApiError } from "../errors/api-error";
import type { ApiResult } from "./envelope";
import { authenticateApiKey } from "../auth/authenticate-api-key";
import type { Actor } from "../audit/record-audit";
import { errorResult } from "../http/error-result";
import { routeCore } from "../http/route-core";
import { beginIdempotentRequest, finishIdempotentRequest, hashRequestBody, parseIdempotencyKey } from "../idempotency/idempotent-request";

export type ApiInput<P, Q, B> = { actor: Actor; params: P; query: Q; body: B; request: Request };

type RouteSpec<P, Q, B> = {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
};

/**
 * Wraps every /platform handler. lib/http/route-core.ts does what every
 * request needs (request id, body limits, zod, one log line, the envelope);
 * this adds the API's own part: the API key, the merchant_id check, and the
 * Idempotency-Key on POST.
 */
export function apiRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: ApiInput<P, Q, B>) => Promise<ApiResult>,
) {
  return routeCore({ logMessage: "api request", validationMessage: "Request validation failed" }, async (scope) => {
    const { request, requestId } = scope;
    const caller = await authenticateApiKey(request.headers.get("authorization"));
    scope.log.merchantId = caller.merchantId.toString();
    const actor: Actor = {
      merchantId: caller.merchantId,
      actor: `api_key:${caller.apiKeyId}`,
      clientAddress: scope.clientAddress,
      requestId,
    };
    const rawBody = spec.body ? await scope.readBody() : undefined;
    checkMerchantScope(caller.merchantId, scope.url.searchParams.get("merchant_id"), rawBody?.json.merchant_id);
    const { params, query, body } = await scope.parseInput(spec);
    const input: ApiInput<P, Q, B> = { actor, params, query, body, request };

    const idempotencyKey = request.method === "POST" ? parseIdempotencyKey(request.headers.get("idempotency-key")) : null;
    if (idempotencyKey === null) return handler(input);
    const idempotencyScope = { merchantId: caller.merchantId, method: request.method, path: scope.url.pathname, key: idempotencyKey };
    const start = await beginIdempotentRequest(idempotencyScope, hashRequestBody(rawBody?.raw ?? ""));
    if (start.kind === "replay") {
      scope.log.idempotentReplay = true;
      scope.headers["idempotent-replayed"] = "true";
      return { status: start.response.status, body: JSON.parse(start.response.body) as Record<string, unknown> };
    }
    // The handler's answer is recorded, a refusal included, so a retry gets the same one;
    // finishIdempotentRequest forgets a 5xx instead, so a retry runs again. Refusals
    // before the handler (the key, the body, merchant_id, validation) record nothing.
    const result = await runToResult(() => handler(input), requestId);
    await finishIdempotentRequest(start.recordId, { status: result.status, body: JSON.stringify(result.body) });
    return result;
  });
}

async function runToResult(run: () => Promise<ApiResult>, requestId: string): Promise<ApiResult> {
  try {
    return await run();
  } catch (error) {
    return errorResult(error, requestId);
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
