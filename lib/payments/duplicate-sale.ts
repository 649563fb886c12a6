import "#server-only";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { ApiError, withRcode } from "../errors/api-error";

export type SaleIdentity = { fingerprint: string; amountMinor: number; merchRefNum: string | null };

/**
 * duplicate_seconds: a sale identical to one approved within that many
 * seconds (the same card, amount and merch_ref_num) is refused with a 409,
 * before it reaches the connector. It guards against a double click, not a
 * retry: a retry that must not charge twice sends an Idempotency-Key.
 */
export async function refuseDuplicateSale(merchantId: bigint, sale: SaleIdentity, windowSeconds: number): Promise<void> {
  const since = new Date(Date.now() - windowSeconds * 1000);
  const sameReference = sale.merchRefNum === null ? Prisma.sql`"merchRefNum" IS NULL` : Prisma.sql`"merchRefNum" = ${sale.merchRefNum}`;
  const [earlier] = await directQuery<{ pgId: string }>(Prisma.sql`
    SELECT "pgId" FROM "Transaction"
    WHERE "merchantId" = ${merchantId} AND "cardFingerprint" = ${sale.fingerprint} AND "type" = ${"sale"} AND "status" = ${"C"}
      AND "amountMinor" = ${BigInt(sale.amountMinor)} AND ${sameReference} AND "createdAt" >= ${since}
    LIMIT 1`);
  if (earlier) {
    throw withRcode(
      new ApiError(
        "conflict",
        `Duplicate transaction: the same sale (card, amount and merch_ref_num) was approved within ${windowSeconds} seconds as pg_id ${earlier.pgId}`,
      ),
      "110",
    );
  }
}
