import "#server-only";
import { getDb } from "../../db/client";
import type { RejectedCard } from "../requests/request-rows";
import { parseRejectedCards } from "./rejected-cards";
import { toRequestListRow, type RequestListRow } from "./list-requests";
import { MAX_REQUEST_ID, requestSelect } from "../get-request-or-throw";

// One request's page in the portal: its summary (as the requests list shows
// it) and the cards it named but did not send, with why.

export type RequestOverview = RequestListRow & { rejected: RejectedCard[] };

/** The merchant's request `requestId`, or null for another merchant's or none (the page's 404). */
export async function getRequest(merchantId: bigint, requestId: number): Promise<RequestOverview | null> {
  if (!Number.isInteger(requestId) || requestId < 1 || requestId > MAX_REQUEST_ID) return null;
  const row = await getDb().accountUpdaterRequest.findFirst({ where: { id: requestId, merchantId }, select: requestSelect });
  return row ? { ...toRequestListRow(row), rejected: parseRejectedCards(row.rejectedCards) } : null;
}
