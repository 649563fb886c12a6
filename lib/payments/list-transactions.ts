import "#server-only";
import { z } from "zod";
import type { Prisma } from "../db/sql";
import { parseOptions } from "../errors/parse-options";
import { merchantGateway } from "../gateway/merchant-gateway";
import { pageFields } from "../paging/page-options";
import { settlementWhere } from "./status-where";
import { readTransactionPage } from "./transaction-page";
import type { TransactionResponse } from "./transaction-response";

// The portal's Transactions page: the merchant's transactions newest first,
// found by one search box (a pg_id, a customer, the merchant's reference or
// purchase id, or a card's last four digits: exact matches, which behave the
// same on both databases), a status letter as the answers show it (S and C
// by the gateway's clock), a type and a date range.

export const TRANSACTION_STATUSES = ["A", "C", "S", "V", "D", "F"] as const;
export const TRANSACTION_TYPES = ["sale", "auth", "capture", "refund", "void", "credit", "verify"] as const;

const ListTransactionsSchema = z.object({
  merchantId: z.bigint(),
  search: z.string().trim().max(128).optional(),
  status: z.enum(TRANSACTION_STATUSES).optional(),
  type: z.enum(TRANSACTION_TYPES).optional(),
  /** From this instant (included) to `to` (excluded). */
  from: z.date().optional(),
  to: z.date().optional(),
  ...pageFields(25),
});
export type ListTransactionsOptions = z.input<typeof ListTransactionsSchema>;

export type TransactionListPage = { rows: TransactionResponse[]; total: number; page: number; pageSize: number };

export async function listTransactions(options: ListTransactionsOptions): Promise<TransactionListPage> {
  const { merchantId, search, status, type, from, to, page, pageSize } = parseOptions(ListTransactionsSchema, options);
  const now = (await merchantGateway(merchantId)).now();
  const conditions: Prisma.TransactionWhereInput[] = [];
  if (search) {
    conditions.push({
      OR: [
        { pgId: search },
        { customerId: search },
        { merchRefNum: search },
        { purchaseId: search },
        ...(/^\d{4}$/.test(search) ? [{ maskedNumber: { endsWith: search } }] : []),
      ],
    });
  }
  if (status === "S" || status === "C") conditions.push(settlementWhere(status, now));
  else if (status) conditions.push({ status });
  if (type) conditions.push({ type });
  if (from || to) conditions.push({ createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } });
  const where = { merchantId, AND: conditions };
  const { rows, total } = await readTransactionPage(where, [{ createdAt: "desc" }, { id: "desc" }], { skip: (page - 1) * pageSize, take: pageSize }, now);
  return { rows, total, page, pageSize };
}
