import "#server-only";
import { getDb } from "../../db/client";
import type { RejectedCard } from "../requests/request-rows";
import { parseRejectedCards } from "./rejected-cards";
import type { RequestListRow } from "./list-requests";

// One request's page in the portal: its summary (as the requests list shows
// it) and the cards it named but did not send, with why.

export type RequestOverview = RequestListRow & { rejected: RejectedCard[] };

/** request_ids are a 32-bit column: a longer number cannot name one (and PostgreSQL refuses to compare it). */
const MAX_REQUEST_ID = 2_147_483_647;

/** The merchant's request `requestId`, or null for another merchant's or none (the page's 404). */
export async function getRequest(merchantId: bigint, requestId: number): Promise<RequestOverview | null> {
  if (!Number.isInteger(requestId) || requestId < 1 || requestId > MAX_REQUEST_ID) return null;
  const row = await getDb().accountUpdaterRequest.findFirst({
    where: { id: requestId, merchantId },
    select: {
      id: true,
      method: true,
      status: true,
      requestDate: true,
      responseDate: true,
      cntRequest: true,
      cntResponse: true,
      cntUpdate: true,
      rejectedCards: true,
    },
  });
  if (!row) return null;
  const rejected = parseRejectedCards(row.rejectedCards);
  return {
    requestId: row.id,
    method: row.method,
    status: row.status,
    requestDate: row.requestDate,
    responseDate: row.responseDate,
    cntRequest: row.cntRequest,
    cntResponse: row.cntResponse,
    cntUpdate: row.cntUpdate,
    cntRejected: rejected.length,
    rejected,
  };
}
