import type { RequestRow } from "./get-request-or-throw";
import type { RequestMethod, RequestStatus } from "./request-status";
import { CancelResponseSchema, SummaryResponseSchema, type CancelResponse, type RejectedCardResponse, type SummaryResponse } from "./schemas";

// A request row as the API answers it: the reference's
// CancelAccountUpdaterResponse, and AccountUpdaterSummary (the same with the
// method and the cards that were not sent). Parsed on the way out, so no
// other column can leak.

export function requestToCancelAnswer(row: RequestRow): CancelResponse {
  // The reference's counts of answers and updates are 0 until the request is COMPLETED (the portal shows them as they grow).
  const completed = row.status === "COMPLETED";
  return CancelResponseSchema.parse({
    request_id: row.id,
    merchant_id: Number(row.merchantId),
    status: row.status as RequestStatus,
    cnt_request: row.cntRequest,
    cnt_response: completed ? row.cntResponse : 0,
    cnt_update: completed ? row.cntUpdate : 0,
    request_date: row.requestDate,
  });
}

export function requestToSummary(row: RequestRow): SummaryResponse {
  return SummaryResponseSchema.parse({
    ...requestToCancelAnswer(row),
    method: row.method as RequestMethod,
    rejected_cards: JSON.parse(row.rejectedCards) as RejectedCardResponse[],
  });
}
