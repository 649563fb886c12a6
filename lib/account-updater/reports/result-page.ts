import "#server-only";
import { dbProvider, getDb } from "../../db/client";
import type { Prisma } from "../../db/sql";
import type { ListPage } from "../../paging/list-page";
import { filterWhere, parseFilters, type FilterOperator } from "../../vault/browse-filter";
import { DETAIL_FILTER_FIELDS, DETAIL_REQUIRED_COLUMNS, DETAIL_SORT_FIELDS, type BrowseDetailsQuery } from "../schemas";

// One page of a merchant's results (the cards its requests sent and the
// answers), as the detail reports and GET /aus/{requestId} browse them: the
// same filters and order for all three, each mapping the rows its own way.

export const resultSelect = {
  id: true,
  requestId: true,
  merchantId: true,
  cardId: true,
  reference: true,
  sealedNumbers: true,
  maskedNumber: true,
  expDate: true,
  maskedNumberNew: true,
  expDateNew: true,
  reasonCode: true,
  responseDate: true,
  request: { select: { requestDate: true } },
} as const;

export type ResultRow = Prisma.AccountUpdaterResultGetPayload<{ select: typeof resultSelect }>;

/** `requestId` narrows the page to one request's results. */
export async function readResultPage(merchantId: bigint, query: BrowseDetailsQuery, requestId?: number): Promise<ListPage<ResultRow>> {
  const provider = dbProvider();
  const filters = parseFilters(query.filter, DETAIL_FILTER_FIELDS).map((filter) =>
    filter.column === "cardId" ? shownCardIdWhere(filter, provider) : filterWhere([filter], provider, DETAIL_REQUIRED_COLUMNS)[0]!,
  );
  const where: Prisma.AccountUpdaterResultWhereInput = { merchantId, ...(requestId === undefined ? {} : { requestId }), AND: filters };
  const column = DETAIL_SORT_FIELDS[query.order_on as keyof typeof DETAIL_SORT_FIELDS];
  // Within a request, cards keep the order they were sent in, whichever way the request sorts.
  const first: Prisma.AccountUpdaterResultOrderByWithRelationInput =
    column === "requestDate"
      ? { request: { requestDate: query.order_by } }
      : column === "requestId" || column === "expDate"
        ? { [column]: query.order_by }
        : { [column]: { sort: query.order_by, nulls: "last" } };
  const orderBy = column === "requestDate" ? [first, { requestId: query.order_by }, { id: "asc" as const }] : [first, { id: "asc" as const }];
  const db = getDb();
  const [totalRecords, rows] = await Promise.all([
    db.accountUpdaterResult.count({ where }),
    db.accountUpdaterResult.findMany({ where, orderBy, skip: query.page * query.count, take: query.count, select: resultSelect }),
  ]);
  return { data: rows, totalRecords, page: query.page, count: query.count, orderOn: query.order_on, orderBy: query.order_by };
}

/**
 * A filter on card_id as the reports show it: the vault card, or, for a
 * number sent with /aus/add, the merchant's own reference. Each row is tested
 * on whichever of the two it shows, so a reference is found by its card_id
 * and a row showing none (IS_NULL) is one that has neither.
 */
function shownCardIdWhere(filter: { operator: FilterOperator; value: string }, provider: "sqlite" | "postgres"): Prisma.AccountUpdaterResultWhereInput {
  const [onCard] = filterWhere([{ ...filter, column: "cardId" }], provider, []);
  const [onReference] = filterWhere([{ ...filter, column: "reference" }], provider, []);
  return { OR: [{ AND: [{ cardId: { not: null } }, onCard!] }, { AND: [{ cardId: null }, onReference!] }] };
}
