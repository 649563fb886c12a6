import "#server-only";
import { ERROR_TABLE } from "../errors/error-table";
import { toApiError } from "../errors/to-api-error";
import { logger } from "../log/logger";
import type { RouteResult } from "./route-result";

/** Maps any thrown value to the envelope; unknown errors become a logged, generic 500 naming the request id. */
export function errorResult(error: unknown, requestId: string): RouteResult {
  const known = toApiError(error);
  if (known) {
    const row = ERROR_TABLE[known.kind];
    const message = known.message === known.kind ? row.message : known.message;
    const body: Record<string, unknown> = { code: row.code, message };
    if (known.fields) body.data = known.fields;
    if (known.retryAfterSeconds !== undefined) return { status: row.status, body, headers: { "retry-after": String(known.retryAfterSeconds) } };
    return { status: row.status, body };
  }
  logger.error({ err: error, requestId }, "unhandled error");
  const row = ERROR_TABLE.internal;
  return { status: row.status, body: { code: row.code, message: row.message, data: { request_id: requestId } } };
}
