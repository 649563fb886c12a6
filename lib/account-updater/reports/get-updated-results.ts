import "#server-only";
import { getDb } from "../../db/client";
import type { ListPage } from "../../paging/list-page";
import { getRequestOrThrow } from "../get-request-or-throw";
import { openNumbers } from "../requests/request-rows";
import { UpdatedResponseSchema, type BrowseDetailsQuery, type UpdatedResponse } from "../schemas";
import { readResultPage, type ResultRow } from "./result-page";

/**
 * GET /aus/{requestId}: one request's results as the reference's
 * AusResponse. A number the merchant itself sent with /aus/add (and the new
 * number the network gave for it) is shown in full: the merchant had it
 * already. Vault cards stay masked, as everywhere else
 * (docs/account-updater.md, "Reports").
 */
export async function getUpdatedResults(merchantId: bigint, requestId: number, query: BrowseDetailsQuery): Promise<ListPage<UpdatedResponse>> {
  const request = await getRequestOrThrow(getDb(), merchantId, requestId);
  const page = await readResultPage(merchantId, query, request.id);
  return { ...page, data: page.data.map(resultToUpdated) };
}

function resultToUpdated(row: ResultRow): UpdatedResponse {
  const sent = row.sealedNumbers ? openNumbers(row.merchantId, row.id, row.sealedNumbers) : null;
  const cardId = row.cardId ?? row.reference;
  const numberNew = sent?.new ?? row.maskedNumberNew;
  return UpdatedResponseSchema.parse({
    ...(cardId ? { card_id: cardId } : {}),
    card_number: sent?.number ?? row.maskedNumber,
    exp_date: row.expDate,
    ...(row.reasonCode ? { reason_code: row.reasonCode } : {}),
    ...(numberNew ? { card_number_new: numberNew } : {}),
    ...(row.expDateNew ? { exp_date_new: row.expDateNew } : {}),
  });
}
