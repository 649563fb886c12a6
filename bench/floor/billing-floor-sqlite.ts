// The billing floor's SQLite store: one better-sqlite3 connection with the
// product's pragmas (lib/db/sqlite-connection.ts: synchronous=FULL on the
// WAL file the migration made, foreign keys, the busy timeout), prepared
// statements, and each of a batch's two writes as one transaction of
// single-row statements, on this thread: the floor is one loop with
// nothing else to serve, so the commit's fsync waiting here stalls nothing.
import Database from "better-sqlite3";
import { SQLITE_PRAGMAS } from "@/lib/db/sqlite-connection";
import { UNKNOWN_OUTCOME } from "@/lib/payments/pg-answers";
import {
  BILLING_ACTOR,
  CHARGE_AUDIT_ACTION,
  DUE_COLUMNS,
  DUE_FROM,
  type ApprovedCharge,
  type BillingFloorStore,
  type DueRow,
  type ReservedCharge,
} from "./billing-floor-store";

/** A timestamp as the product stores it on SQLite (lib/db/direct-sqlite.ts toSqlite). */
const at = (date: Date) => date.toISOString().replace("Z", "+00:00");

const SQL = {
  due: `SELECT ${DUE_COLUMNS} ${DUE_FROM}
    WHERE s."merchantId" = ? AND s."status" = 'A' AND s."dueDay" <= ? AND NOT s."heldForReview" AND s."chargingPgId" IS NULL
    ORDER BY s."dueDay", s."id" LIMIT ?`,
  ledger: `INSERT INTO "BillingCharge" ("merchantId", "subscriptionId", "seq", "attempt", "kind", "cycleDay", "amountMinor", "currency", "state", "pgId", "createdAt", "updatedAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
  pending: `INSERT INTO "Transaction" ("pgId", "merchantId", "type", "status", "currency", "amountMinor", "approvedMinor", "capturedMinor", "refundedMinor",
      "cardId", "customerId", "maskedNumber", "cardType", "cardFingerprint", "rcode", "rmsg", "authCode", "avsResult", "cvvResult",
      "merchRefNum", "purchaseId", "originalId", "checkoutId", "subscriptionId", "connector", "upstreamPgId", "settlesAt", "createdAt", "updatedAt")
    VALUES (?, ?, 'sale', 'F', ?, ?, 0, 0, 0, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, NULL, NULL, ?, ?, NULL, NULL, ?, ?)`,
  charging: `UPDATE "Subscription" SET "chargingPgId" = ?, "nextAttempt" = ?, "updatedAt" = ? WHERE "id" = ?`,
  outcome: `UPDATE "Transaction" SET "status" = 'C', "rcode" = ?, "rmsg" = ?, "approvedMinor" = ?, "capturedMinor" = ?, "authCode" = ?,
      "avsResult" = NULL, "cvvResult" = NULL, "upstreamPgId" = NULL, "settlesAt" = ?, "updatedAt" = ? WHERE "pgId" = ?`,
  approved: `UPDATE "BillingCharge" SET "state" = 'approved', "rcode" = ?, "updatedAt" = ? WHERE "pgId" = ?`,
  cursor: `UPDATE "Subscription" SET "nextSeq" = ?, "declines" = 0, "dueDay" = CASE WHEN "status" = 'A' THEN ? ELSE "dueDay" END,
      "chargingPgId" = NULL, "claimedBy" = NULL, "claimUntil" = NULL, "updatedAt" = ? WHERE "id" = ? AND "chargingPgId" = ?`,
  event: `INSERT INTO "Event" ("eventId", "merchantId", "type", "payload", "webhookId", "createdAt") VALUES (?, ?, ?, ?, NULL, ?)`,
  audit: `INSERT INTO "AuditLog" ("merchantId", "actor", "action", "targetType", "targetId", "clientAddress", "requestId", "createdAt")
    VALUES (?, ?, ?, 'transaction', ?, NULL, NULL, ?)`,
};

type SqliteDueRow = Omit<DueRow, "billSpecificDay" | "prorateFirstPayment" | "trialMinor" | "amountMinor" | "prorateMinor"> & {
  billSpecificDay: number;
  prorateFirstPayment: number;
  trialMinor: number;
  amountMinor: number;
  prorateMinor: number | null;
};

export async function openSqliteBillingStore(path: string): Promise<BillingFloorStore> {
  const db = new Database(path);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  const statement = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as Record<keyof typeof SQL, Database.Statement>;

  const reserve = db.transaction((merchantId: bigint, charges: ReservedCharge[], connector: string, now: string) => {
    for (const c of charges) {
      statement.ledger.run(merchantId, c.subscriptionId, c.seq, c.attempt, c.kind, c.cycleDay, c.amountMinor, c.currency, c.pgId, now, now);
      statement.pending.run(
        ...[c.pgId, merchantId, c.currency, c.amountMinor, c.cardId, c.customerId, c.maskedNumber, c.cardType, c.fingerprint],
        ...[UNKNOWN_OUTCOME.rcode, UNKNOWN_OUTCOME.rmsg, c.merchRefNum, c.purchaseId, c.subscriptionId, connector, now, now],
      );
      statement.charging.run(c.pgId, c.attempt + 1, now, c.subscriptionId);
    }
  });
  const record = db.transaction((merchantId: bigint, approved: ApprovedCharge[], now: string) => {
    for (const c of approved) {
      statement.outcome.run(c.rcode, c.rmsg, c.approvedMinor, c.approvedMinor, c.authCode, at(c.settlesAt), now, c.pgId);
      statement.approved.run(c.rcode, now, c.pgId);
      statement.cursor.run(c.nextSeq, c.dueDay, now, c.subscriptionId, c.pgId);
    }
    for (const c of approved) for (const e of c.events) statement.event.run(e.eventId, merchantId, e.type, e.payload, now);
    for (const c of approved) statement.audit.run(merchantId, BILLING_ACTOR, CHARGE_AUDIT_ACTION, c.pgId, now);
  });

  return {
    async due(merchantId, today, limit) {
      return (statement.due.all(merchantId, today, limit) as SqliteDueRow[]).map((row) => ({
        ...row,
        billSpecificDay: Boolean(row.billSpecificDay),
        prorateFirstPayment: Boolean(row.prorateFirstPayment),
        trialMinor: BigInt(row.trialMinor),
        amountMinor: BigInt(row.amountMinor),
        prorateMinor: row.prorateMinor === null ? null : BigInt(row.prorateMinor),
      }));
    },
    async reserve(merchantId, charges, connector, now) {
      reserve(merchantId, charges, connector, at(now));
    },
    async record(merchantId, approved, now) {
      record(merchantId, approved, at(now));
    },
    async close() {
      db.close();
    },
  };
}
