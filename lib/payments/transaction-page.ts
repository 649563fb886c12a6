import "#server-only";
import { getDb } from "../db/client";
import type { Prisma } from "../db/sql";
import type { TransactionRow } from "./transaction-rows";
import { transactionToResponse, type TransactionResponse } from "./transaction-response";

/**
 * One page of transactions as the API shows them, and how many match: the
 * read the transactions API (browse-transactions.ts) and the portal's list
 * (list-transactions.ts) share, each with its own filters and order.
 */
export async function readTransactionPage(
  where: Prisma.TransactionWhereInput,
  orderBy: Prisma.TransactionOrderByWithRelationInput[],
  page: { skip: number; take: number },
  gatewayNow: Date,
): Promise<{ rows: TransactionResponse[]; total: number }> {
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.transaction.count({ where }),
    db.transaction.findMany({ where, orderBy, ...page, include: { original: { select: { pgId: true } } } }),
  ]);
  return { rows: rows.map((row) => transactionToResponse(row as unknown as TransactionRow, row.original?.pgId ?? null, gatewayNow)), total };
}
