import { Prisma } from "../../db/sql";
import type { RequestRow } from "../get-request-or-throw";

// The data of account_updater_request_created and _completed: the request's
// summary counts, never a card or its number.

/** A request's row as requestSelect reads it (or a RETURNING of the same columns), its merchant aside. */
export type RequestForEvent = Omit<RequestRow, "merchantId">;

export function requestEventData(request: RequestForEvent): Record<string, unknown> {
  return {
    request_id: Number(request.id),
    method: request.method,
    status: request.status,
    request_date: request.requestDate,
    ...(request.responseDate ? { response_date: request.responseDate } : {}),
    cnt_request: Number(request.cntRequest),
    cnt_response: Number(request.cntResponse),
    cnt_update: Number(request.cntUpdate),
    cnt_rejected: (JSON.parse(request.rejectedCards) as unknown[]).length,
  };
}

/** The columns an UPDATE ... RETURNING reads for requestEventData. */
export const REQUEST_FOR_EVENT_COLUMNS = Prisma.sql`"id", "method", "status", "requestDate", "responseDate", "cntRequest", "cntResponse", "cntUpdate", "rejectedCards"`;
