import "#server-only";
import { getDb } from "../../db/client";
import { getRequestOrThrow } from "../get-request-or-throw";
import { requestToSummary } from "../request-answers";
import type { SummaryResponse } from "../schemas";

/** GET /aus/request/summary/{request_id}: one request's summary, or a 404 (another merchant's too). */
export async function getSummary(merchantId: bigint, requestId: number): Promise<SummaryResponse> {
  return requestToSummary(await getRequestOrThrow(getDb(), merchantId, requestId));
}
