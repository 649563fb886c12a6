import "#server-only";
import { getDb } from "../db/client";
import { ApiError } from "../errors/api-error";
import { merchantGateway } from "../gateway/merchant-gateway";
import type { TransactionRow } from "./transaction-rows";
import { transactionToResponse, type TransactionResponse } from "./transaction-response";

/** One transaction of the merchant, with the captures, refunds and voids made on it (oldest first); a 404 for anyone else's. */
export async function getTransaction(merchantId: bigint, pgId: string): Promise<TransactionResponse & { follow_ups: TransactionResponse[] }> {
  const db = getDb();
  const row = (await db.transaction.findFirst({ where: { pgId, merchantId } })) as TransactionRow | null;
  if (!row) throw new ApiError("not_found", `pg_id ${pgId} not found`);
  const [original, followUps, gateway] = await Promise.all([
    row.originalId === null ? null : db.transaction.findUnique({ where: { id: row.originalId }, select: { pgId: true } }),
    db.transaction.findMany({ where: { originalId: row.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }) as Promise<TransactionRow[]>,
    merchantGateway(merchantId),
  ]);
  const now = gateway.now();
  return {
    ...transactionToResponse(row, original?.pgId ?? null, now),
    follow_ups: followUps.map((f) => transactionToResponse(f, row.pgId, now)),
  };
}
