import "#server-only";
import type { FieldErrors } from "../errors/api-error";
import { ApiError } from "../errors/api-error";
import { errorResult } from "../http/error-result";
import type { RouteResult } from "../http/route-result";

// The payment gateway API answers refusals in its own envelope, as the
// reference's PGApi*Response shapes do: `rcode` (three characters) and `rmsg`
// (words), with the HTTP status of the same refusal on /platform. The rcode
// of each refusal is in docs/payments.md ("Response codes"): a throw site may
// name a more precise one (ApiError.rcode), else it follows from the kind and,
// for a 400, the first field refused.

const RCODE_BY_FIELD: Record<string, string> = { amt_tran: "104", tran_currency: "104", exp_date: "107", card_number: "108" };

const RCODE_BY_STATUS: Record<number, string> = { 401: "101", 403: "101", 404: "102", 409: "110", 429: "111", 500: "999" };

/** Any thrown value as the PG envelope: `{rcode, rmsg}` with the refusal's HTTP status. */
export function pgErrorResult(error: unknown, requestId: string): RouteResult {
  const platform = errorResult(error, requestId);
  const message = String(platform.body.message);
  const data = platform.body.data as Record<string, unknown> | undefined;
  let rmsg = message;
  let rcode = RCODE_BY_STATUS[platform.status] ?? "109";
  if (platform.status === 400 && data && error instanceof ApiError && error.fields) {
    const fields = Object.entries(error.fields as FieldErrors);
    rmsg = fields.map(([field, problem]) => `${field} ${problem}`).join("; ");
    rcode = RCODE_BY_FIELD[fields[0]?.[0] ?? ""] ?? rcode;
  }
  if (platform.status === 500 && data?.request_id) rmsg = `${message} (request_id ${String(data.request_id)})`;
  if (error instanceof ApiError && error.rcode) rcode = error.rcode;
  return { status: platform.status, body: { rcode, rmsg }, headers: platform.headers };
}
