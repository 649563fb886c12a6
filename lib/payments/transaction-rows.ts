import "#server-only";
import { Prisma } from "../db/sql";

// The Transaction table's rows (docs/payments.md, "Transactions"): one per
// request that reached a connector, declines and unknown outcomes included.
// Amounts are integers of the currency's minor unit.

export type TransactionType = "sale" | "auth" | "capture" | "void" | "refund" | "credit" | "verify";

/**
 * The reference's tran_status letters, as far as they are ours to set:
 * A approved (an auth not yet captured, a verify), C captured (a sale, a
 * capture, a refund or credit), V voided, D declined, F failed (an outcome
 * not known: the connector did not answer). Settled (S) is not stored: a
 * captured transaction is settled once its settlesAt has passed.
 */
export type TranStatus = "A" | "C" | "V" | "D" | "F";

export type TransactionRow = {
  id: number;
  pgId: string;
  merchantId: bigint;
  type: TransactionType;
  status: TranStatus;
  currency: number;
  amountMinor: bigint;
  approvedMinor: bigint;
  capturedMinor: bigint;
  refundedMinor: bigint;
  cardId: string | null;
  customerId: string | null;
  maskedNumber: string | null;
  cardType: string | null;
  cardFingerprint: string | null;
  rcode: string;
  rmsg: string;
  authCode: string | null;
  avsResult: string | null;
  cvvResult: string | null;
  merchRefNum: string | null;
  purchaseId: string | null;
  originalId: number | null;
  /** The payment link it was made on. */
  checkoutId: string | null;
  /** The subscription it billed. */
  subscriptionId: number | null;
  connector: string;
  upstreamPgId: string | null;
  settlesAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The amount a transaction is shown with: what was approved, or what was asked when it was not (declined, unknown). */
export function shownMinor(row: Pick<TransactionRow, "amountMinor" | "approvedMinor"> & { status: string }): bigint {
  return row.status === "A" || row.status === "C" || row.status === "V" ? row.approvedMinor : row.amountMinor;
}

/** What is known of a transaction when it is first written (before the call, or with its outcome). */
export type NewTransaction = Omit<TransactionRow, "id" | "createdAt" | "updatedAt" | "refundedMinor" | "checkoutId" | "subscriptionId"> & {
  checkoutId?: string | null;
  subscriptionId?: number | null;
};

/** The outcome written over a transaction recorded before its call. */
export type TransactionOutcome = Pick<
  TransactionRow,
  "status" | "rcode" | "rmsg" | "approvedMinor" | "capturedMinor" | "authCode" | "avsResult" | "cvvResult" | "upstreamPgId" | "settlesAt"
> &
  /** The card the transaction stored (tokenize: true), when it stored one. */
  Partial<Pick<TransactionRow, "cardId" | "customerId">>;

export function insertTransactionSql(t: NewTransaction, now: Date): Prisma.Sql {
  return insertTransactionRowsSql([t], now);
}

/** Several transactions in one INSERT, in order (29 parameters a row: keep it to a thousand rows, under SQLite's 32,766). */
export function insertTransactionRowsSql(rows: NewTransaction[], now: Date): Prisma.Sql {
  const values = rows.map(
    (t) => Prisma.sql`(${t.pgId}, ${t.merchantId}, ${t.type}, ${t.status}, ${t.currency}, ${t.amountMinor}, ${t.approvedMinor}, ${t.capturedMinor}, ${0n},
      ${t.cardId}, ${t.customerId}, ${t.maskedNumber}, ${t.cardType}, ${t.cardFingerprint}, ${t.rcode}, ${t.rmsg}, ${t.authCode}, ${t.avsResult}, ${t.cvvResult},
      ${t.merchRefNum}, ${t.purchaseId}, ${t.originalId}, ${t.checkoutId ?? null}, ${t.subscriptionId ?? null}, ${t.connector}, ${t.upstreamPgId}, ${t.settlesAt}, ${now}, ${now})`,
  );
  return Prisma.sql`
    INSERT INTO "Transaction" ("pgId", "merchantId", "type", "status", "currency", "amountMinor", "approvedMinor", "capturedMinor", "refundedMinor",
      "cardId", "customerId", "maskedNumber", "cardType", "cardFingerprint", "rcode", "rmsg", "authCode", "avsResult", "cvvResult",
      "merchRefNum", "purchaseId", "originalId", "checkoutId", "subscriptionId", "connector", "upstreamPgId", "settlesAt", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}`;
}

export function recordOutcomeSql(pgId: string, o: TransactionOutcome, now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Transaction" SET "status" = ${o.status}, "rcode" = ${o.rcode}, "rmsg" = ${o.rmsg}, "approvedMinor" = ${o.approvedMinor},
      "capturedMinor" = ${o.capturedMinor}, "authCode" = ${o.authCode}, "avsResult" = ${o.avsResult}, "cvvResult" = ${o.cvvResult},
      "upstreamPgId" = ${o.upstreamPgId}, "settlesAt" = ${o.settlesAt}, "updatedAt" = ${now}
      ${o.cardId ? Prisma.sql`, "cardId" = ${o.cardId}, "customerId" = ${o.customerId ?? null}` : Prisma.empty}
    WHERE "pgId" = ${pgId}`;
}

/** The columns every read of a transaction selects. */
export const TRANSACTION_COLUMNS = Prisma.sql`"id", "pgId", "merchantId", "type", "status", "currency", "amountMinor", "approvedMinor", "capturedMinor",
  "refundedMinor", "cardId", "customerId", "maskedNumber", "cardType", "cardFingerprint", "rcode", "rmsg", "authCode", "avsResult", "cvvResult",
  "merchRefNum", "purchaseId", "originalId", "checkoutId", "subscriptionId", "connector", "upstreamPgId", "settlesAt", "createdAt", "updatedAt"`;
