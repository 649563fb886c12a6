import "#server-only";
import { dbProvider, getDb } from "../../db/client";
import type { ListPage } from "../../paging/list-page";
import { filterWhere, parseFilters } from "../../vault/browse-filter";
import { requestSelect } from "../get-request-or-throw";
import { requestToSummary } from "../request-answers";
import { SUMMARY_FILTER_FIELDS, SUMMARY_REQUIRED_COLUMNS, SUMMARY_SORT_FIELDS, type BrowseSummariesQuery, type SummaryResponse } from "../schemas";

/**
 * GET /aus/request/summary: one page of the merchant's requests (harvests
 * and its own), every status, filtered and sorted; request_id breaks ties,
 * so paging is stable.
 */
export async function browseSummaries(merchantId: bigint, query: BrowseSummariesQuery): Promise<ListPage<SummaryResponse>> {
  const where = { merchantId, AND: filterWhere(parseFilters(query.filter, SUMMARY_FILTER_FIELDS), dbProvider(), SUMMARY_REQUIRED_COLUMNS) };
  const column = SUMMARY_SORT_FIELDS[query.order_on as keyof typeof SUMMARY_SORT_FIELDS];
  const orderBy = column === "id" ? [{ id: query.order_by }] : [{ [column]: query.order_by }, { id: query.order_by }];
  const db = getDb();
  const [totalRecords, rows] = await Promise.all([
    db.accountUpdaterRequest.count({ where }),
    db.accountUpdaterRequest.findMany({ where, orderBy, skip: query.page * query.count, take: query.count, select: requestSelect }),
  ]);
  return { data: rows.map(requestToSummary), totalRecords, page: query.page, count: query.count, orderOn: query.order_on, orderBy: query.order_by };
}
