import "#server-only";
import { dbProvider } from "../../db/client";
import { Prisma } from "../../db/sql";
import { writeTransaction } from "../../db/write-transaction";
import type { SubscriptionTerms } from "../subscriptions/subscription-cursor";

// A worker claims the subscriptions it is about to charge, so that several
// workers share the run without two charging one subscription: one UPDATE
// sets claimedBy and claimUntil on rows whose claim is free (none, or run
// out). On PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so a second
// worker's claim passes over what the first is taking instead of waiting for
// it; on SQLite the write gate lets one claim run at a time. A worker that
// dies keeps its claim only until claimUntil.
//
// A subscription is claimed when a cycle (or a retry) is due on the
// merchant's day, or when a charge of it is still unresolved (chargingPgId:
// written to the ledger, outcome not recorded), which is reconciled before
// anything else happens to it.

export type ClaimedSubscription = SubscriptionTerms & {
  id: number;
  merchantId: bigint;
  customerId: string;
  customerPk: number | null;
  cardId: string | null;
  status: string;
  planId: number | null;
  planCode: string | null;
  currency: number;
  purchaseId: string | null;
  nextSeq: number | null;
  nextAttempt: number;
  declines: number;
  dueDay: number | null;
  chargingPgId: string | null;
};

export const CLAIMED_COLUMNS = Prisma.sql`"id", "merchantId", "customerId", "customerPk", "cardId", "status", "planId", "planCode", "currency", "purchaseId",
  "frequency", "interval", "duration", "trialDuration", "trialMinor", "amountMinor", "billSpecificDay", "dayOfWeek", "dayOfMonth", "month",
  "prorateFirstPayment", "prorateMinor", "dateStart", "nextSeq", "nextAttempt", "declines", "dueDay", "chargingPgId"`;

export type ClaimedRow = Omit<ClaimedSubscription, "billSpecificDay" | "prorateFirstPayment" | "trialMinor" | "amountMinor" | "prorateMinor" | "merchantId"> & {
  merchantId: bigint | number;
  billSpecificDay: boolean | number;
  prorateFirstPayment: boolean | number;
  trialMinor: bigint | number;
  amountMinor: bigint | number;
  prorateMinor: bigint | number | null;
};

/** A row as both drivers return it (SQLite's booleans are 0 or 1, its integers may be numbers): typed once here. */
export function claimedFromRow(row: ClaimedRow): ClaimedSubscription {
  return {
    ...row,
    id: Number(row.id),
    merchantId: BigInt(row.merchantId),
    customerPk: row.customerPk === null ? null : Number(row.customerPk),
    currency: Number(row.currency),
    frequency: Number(row.frequency),
    interval: Number(row.interval),
    duration: Number(row.duration),
    trialDuration: Number(row.trialDuration),
    trialMinor: BigInt(row.trialMinor),
    amountMinor: BigInt(row.amountMinor),
    prorateMinor: row.prorateMinor === null ? null : BigInt(row.prorateMinor),
    billSpecificDay: Boolean(row.billSpecificDay),
    prorateFirstPayment: Boolean(row.prorateFirstPayment),
    dayOfWeek: row.dayOfWeek === null ? null : Number(row.dayOfWeek),
    dayOfMonth: row.dayOfMonth === null ? null : Number(row.dayOfMonth),
    month: row.month === null ? null : Number(row.month),
    planId: row.planId === null ? null : Number(row.planId),
    nextSeq: row.nextSeq === null ? null : Number(row.nextSeq),
    nextAttempt: Number(row.nextAttempt),
    declines: Number(row.declines),
    dueDay: row.dueDay === null ? null : Number(row.dueDay),
  };
}

/** The condition of a claim free to take: none, or run out by `nowMs`. */
export function claimIsFree(nowMs: number): Prisma.Sql {
  return Prisma.sql`("claimUntil" IS NULL OR "claimUntil" < ${BigInt(nowMs)})`;
}

/** The assignment that keeps a claim at least until `untilMs`, never shortening it. */
export function claimAtLeastUntil(untilMs: number): Prisma.Sql {
  const until = BigInt(untilMs);
  return Prisma.sql`"claimUntil" = CASE WHEN "claimUntil" IS NOT NULL AND "claimUntil" > ${until} THEN "claimUntil" ELSE ${until} END`;
}

export type ClaimOptions = { workerId: string; nowMs: number; leaseMs: number; limit: number };

/** Claims up to `limit` of the merchant's subscriptions that have work on `today` (a day number), oldest due first. */
export async function claimSubscriptions(merchantId: bigint, today: number, options: ClaimOptions): Promise<ClaimedSubscription[]> {
  const { workerId, nowMs, leaseMs, limit } = options;
  const skipLocked = dbProvider() === "postgres" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const rows = await writeTransaction((tx) =>
    tx.$queryRaw<ClaimedRow[]>(Prisma.sql`
      UPDATE "Subscription" SET "claimedBy" = ${workerId}, "claimUntil" = ${BigInt(nowMs + leaseMs)}
      WHERE "id" IN (
        SELECT "id" FROM "Subscription"
        WHERE "merchantId" = ${merchantId} AND ${claimIsFree(nowMs)}
          AND ("chargingPgId" IS NOT NULL OR ("status" = 'A' AND "dueDay" <= ${today} AND NOT "heldForReview"))
        ORDER BY "dueDay", "id" LIMIT ${limit} ${skipLocked})
      RETURNING ${CLAIMED_COLUMNS}`),
  );
  return rows.map(claimedFromRow).sort((a, b) => (a.dueDay ?? 0) - (b.dueDay ?? 0) || a.id - b.id);
}

/**
 * Keeps this worker's claim of a subscription with an unresolved charge until
 * `untilMs` (never shortening it), while it looks the charge up: a batch's
 * lookups run one after another and could outlast the batch's claim, and
 * another worker would then reconcile the same charge and record its outcome
 * twice. False when another worker has claimed it since, or it is resolved.
 */
export async function holdForReconcile(id: number, chargingPgId: string, workerId: string, untilMs: number): Promise<boolean> {
  const rows = await writeTransaction((tx) =>
    tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      UPDATE "Subscription" SET ${claimAtLeastUntil(untilMs)}
      WHERE "id" = ${id} AND "chargingPgId" = ${chargingPgId} AND "claimedBy" = ${workerId}
      RETURNING "id"`),
  );
  return rows.length > 0;
}
