import "#server-only";
import { dbProvider } from "../db/client";
import type { Prisma } from "../db/sql";
import { ApiError } from "../errors/api-error";
import { merchantGateway } from "../gateway/merchant-gateway";
import type { ListPage } from "../paging/list-page";
import { filterWhere, parseFilters } from "../vault/browse-filter";
import { settlementWhere } from "./status-where";
import { readTransactionPage } from "./transaction-page";
import type { TransactionResponse } from "./transaction-response";
import { TRANSACTION_FILTER_FIELDS, TRANSACTION_SORT_FIELDS, type TransactionBrowseQuery } from "./transaction-schemas";

// GET /platform/transaction: the merchant's transactions with the usual
// count, page, order_on, order_by and filter (docs/api-contract.md, Browse).

const REQUIRED_COLUMNS = ["pgId", "type", "status", "rcode"];

/** `scope` narrows the transactions further (a subscription's: lib/billing/subscription-operations/subscription-transactions.ts). */
export async function browseTransactions(
  merchantId: bigint,
  query: TransactionBrowseQuery,
  scope: Prisma.TransactionWhereInput = {},
): Promise<ListPage<TransactionResponse>> {
  const gateway = await merchantGateway(merchantId);
  const now = gateway.now();
  const raw = Array.isArray(query.filter) ? query.filter : query.filter === undefined ? [] : [query.filter];
  const parts = raw.flatMap((f) => f.split(";")).filter((f) => f.trim() !== "");
  const special = (p: string) => p.trim().startsWith("tran_time,") || /^\s*tran_status\s*,\s*EQUALS\s*,\s*[SC]\s*$/.test(p);
  const textFilters = filterWhere(
    parseFilters(
      parts.filter((p) => !special(p)),
      TRANSACTION_FILTER_FIELDS,
    ),
    dbProvider(),
    REQUIRED_COLUMNS,
  );
  const where = { ...scope, merchantId, AND: [...textFilters, ...parts.filter(special).map((p) => specialFilter(p, now))] };
  const column = TRANSACTION_SORT_FIELDS[query.order_on as keyof typeof TRANSACTION_SORT_FIELDS];
  const { rows, total } = await readTransactionPage(
    where,
    [{ [column]: query.order_by }, { id: query.order_by }],
    { skip: query.page * query.count, take: query.count },
    now,
  );
  return {
    data: rows,
    totalRecords: total,
    page: query.page,
    count: query.count,
    orderOn: query.order_on,
    orderBy: query.order_by,
  };
}

/**
 * The filters that are not plain text: tran_time takes a date or an instant;
 * tran_status S (settled) and C (captured, not settled yet) mean what the
 * answer shows (status-where.ts).
 */
function specialFilter(part: string, now: Date) {
  const [field, operator = "", value = ""] = part.split(",").map((s) => s.trim());
  if (field === "tran_status") return settlementWhere(value === "S" ? "S" : "C", now);
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime())) {
    throw new ApiError("validation", "Request validation failed", { filter: "tran_time takes a date (2026-12-01) or an ISO 8601 instant" });
  }
  if (operator === "GREATER_THAN") return { createdAt: { gt: at } };
  if (operator === "LESS_THAN") return { createdAt: { lt: at } };
  if (operator === "EQUALS") return { createdAt: at };
  throw new ApiError("validation", "Request validation failed", { filter: "tran_time takes GREATER_THAN, LESS_THAN or EQUALS" });
}
