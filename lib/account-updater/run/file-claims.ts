import "#server-only";
import { directQuery } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import { writeTransaction } from "../../db/write-transaction";
import { claimIsFree } from "../../billing/run/claim-subscriptions";
import type { AccountUpdaterFileRow } from "./file-results";

// Files are claimed one at a time, like the billing run's subscriptions: a
// conditional UPDATE of claimedBy and claimUntil, so two workers (or a
// worker and the sandbox clock) never send or apply one file twice, and a
// worker that dies holds its file only until claimUntil.

export type ClaimLease = { workerId: string; leaseMs: number };

/**
 * The merchant's files waiting for `stage`, oldest first: "send" (not sent,
 * request INPROGRESS) or "collect" (sent, not done; with `sentBefore`, only
 * those sent before that day).
 */
export async function filesWaiting(merchantId: bigint, stage: "send" | "collect", limit: number, sentBefore?: number): Promise<AccountUpdaterFileRow[]> {
  const sent =
    stage === "send"
      ? Prisma.sql`f."networkRef" IS NULL AND r."status" = 'INPROGRESS'`
      : sentBefore === undefined
        ? Prisma.sql`f."networkRef" IS NOT NULL`
        : Prisma.sql`f."networkRef" IS NOT NULL AND f."sentDay" < ${sentBefore}`;
  const rows = await directQuery<AccountUpdaterFileRow & { id: number | bigint; requestId: number | bigint; merchantId: bigint | number }>(Prisma.sql`
    SELECT f."id", f."requestId", f."merchantId", f."firstResultId", f."lastResultId", f."network", f."networkRef"
    FROM "AccountUpdaterFile" f JOIN "AccountUpdaterRequest" r ON r."id" = f."requestId"
    WHERE f."merchantId" = ${merchantId} AND f."doneAt" IS NULL AND ${sent} AND (f."claimUntil" IS NULL OR f."claimUntil" < ${BigInt(Date.now())})
    ORDER BY f."id" LIMIT ${limit}`);
  return rows.map((row) => ({
    id: Number(row.id),
    requestId: Number(row.requestId),
    merchantId: BigInt(row.merchantId),
    firstResultId: Number(row.firstResultId),
    lastResultId: Number(row.lastResultId),
    network: row.network,
    networkRef: row.networkRef,
  }));
}

/** Takes the file if it is still waiting and nobody holds it; answers whether this worker now does. */
export async function claimFile(fileId: number, lease: ClaimLease): Promise<boolean> {
  const nowMs = Date.now();
  const taken = await writeTransaction(
    (tx) =>
      tx.$executeRaw`
      UPDATE "AccountUpdaterFile" SET "claimedBy" = ${lease.workerId}, "claimUntil" = ${BigInt(nowMs + lease.leaseMs)}
      WHERE "id" = ${fileId} AND "doneAt" IS NULL AND ${claimIsFree(nowMs)}`,
  );
  return taken === 1;
}

/** Gives the file back, for another pass (the network had no answer yet). */
export async function releaseFile(fileId: number, workerId: string, untilMs: number | null = null): Promise<void> {
  await writeTransaction(
    (tx) =>
      tx.$executeRaw`
      UPDATE "AccountUpdaterFile" SET "claimedBy" = NULL, "claimUntil" = ${untilMs === null ? null : BigInt(untilMs)}
      WHERE "id" = ${fileId} AND "claimedBy" = ${workerId}`,
  );
}
