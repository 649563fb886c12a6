import "#server-only";
import { getDb } from "../../db/client";
import type { ListPage } from "../../paging/list-page";
import { getRequestOrThrow } from "../get-request-or-throw";
import { isBillable } from "../reason-codes";
import { DetailResponseSchema, type BrowseDetailsQuery, type DetailResponse } from "../schemas";
import { readResultPage, type ResultRow } from "./result-page";

// The detail reports: each card a request sent and its answer, numbers
// always masked (GET /aus/{requestId} is the one place a number the merchant
// sent shows in full: ./get-updated-results.ts).

/** GET /aus/request/detail: every result of every request of the merchant. */
export async function browseDetails(merchantId: bigint, query: BrowseDetailsQuery): Promise<ListPage<DetailResponse>> {
  const page = await readResultPage(merchantId, query);
  return { ...page, data: page.data.map(resultToDetail) };
}

/** GET /aus/request/detail/{request_id}: one request's results, a 404 for a request that is not the merchant's. */
export async function browseRequestDetails(merchantId: bigint, requestId: number, query: BrowseDetailsQuery): Promise<ListPage<DetailResponse>> {
  const request = await getRequestOrThrow(getDb(), merchantId, requestId);
  const page = await readResultPage(merchantId, query, request.id);
  return { ...page, data: page.data.map(resultToDetail) };
}

/** A result as the reference's AccountUpdaterDetail; the answer's fields only once the network has answered. */
export function resultToDetail(row: ResultRow): DetailResponse {
  const cardId = row.cardId ?? row.reference;
  return DetailResponseSchema.parse({
    merchant_id: Number(row.merchantId),
    request_id: row.requestId,
    request_date: row.request.requestDate,
    ...(row.responseDate ? { response_date: row.responseDate } : {}),
    ...(cardId ? { card_id: cardId } : {}),
    card_number: row.maskedNumber,
    exp_date: row.expDate,
    ...(row.maskedNumberNew ? { card_number_new: row.maskedNumberNew } : {}),
    ...(row.expDateNew ? { exp_date_new: row.expDateNew } : {}),
    ...(row.reasonCode ? { reason_code: row.reasonCode, billable: isBillable(row.reasonCode) } : {}),
  });
}
