import "#server-only";
import { directQuery } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import { ConnectorUnreachable, type ConnectorAnswer, type GatewayConnector } from "../../gateway/connector";
import { currencyOf } from "../../payments/currency";
import { logger } from "../../log/logger";
import type { ChargeCard } from "../../payments/charge-card-source";

// A charge whose outcome was never recorded (the worker died after writing
// its ledger row, or the connector could not tell) is reconciled before its
// subscription is charged again: the connector looks it up by its
// merch_ref_num. What it saw is recorded as if it had just answered; a charge
// it never saw is marked not sent, and the cycle is charged again under the
// next attempt; a connector that cannot look charges up leaves it to a
// person (docs/billing.md, "Unknown outcomes"). It is never blindly charged
// again.

export type LedgerRow = {
  pgId: string;
  merchRefNum: string;
  seq: number;
  attempt: number;
  kind: string;
  cycleDay: number;
  amountMinor: number;
  currency: number;
  /** The card as its transaction recorded it, for the outcome's events; its number is not needed again. */
  card: ChargeCard;
};

export type Reconciled = { kind: "answered"; answer: ConnectorAnswer } | { kind: "not_sent" } | { kind: "review" } | { kind: "later"; reason: string };

/** The ledger row of an unresolved charge, with the merch_ref_num its transaction was sent with. */
export async function unresolvedCharge(pgId: string): Promise<LedgerRow | null> {
  const [row] = await directQuery<{
    pgId: string;
    merchRefNum: string | null;
    seq: number | bigint;
    attempt: number | bigint;
    kind: string;
    cycleDay: number | bigint;
    amountMinor: number | bigint;
    currency: number | bigint;
    cardId: string | null;
    customerId: string | null;
    maskedNumber: string | null;
    cardType: string | null;
    cardFingerprint: string | null;
  }>(Prisma.sql`
    SELECT bc."pgId", t."merchRefNum", bc."seq", bc."attempt", bc."kind", bc."cycleDay", bc."amountMinor", bc."currency",
      t."cardId", t."customerId", t."maskedNumber", t."cardType", t."cardFingerprint"
    FROM "BillingCharge" bc JOIN "Transaction" t ON t."pgId" = bc."pgId"
    WHERE bc."pgId" = ${pgId} AND bc."state" IN ('pending', 'unknown')`);
  if (!row) return null;
  return {
    pgId: row.pgId,
    merchRefNum: row.merchRefNum ?? "",
    seq: Number(row.seq),
    attempt: Number(row.attempt),
    kind: row.kind,
    cycleDay: Number(row.cycleDay),
    amountMinor: Number(row.amountMinor),
    currency: Number(row.currency),
    card: {
      cardId: row.cardId,
      customerId: row.customerId,
      customerPk: null,
      maskedNumber: row.maskedNumber ?? "",
      cardType: row.cardType ?? "",
      expDate: "",
      fingerprint: row.cardFingerprint ?? "",
      openNumber: () => {
        throw new Error("a reconciled charge is never sent again");
      },
    },
  };
}

/** Asks the connector what became of the charge. */
export async function lookUpCharge(connector: GatewayConnector, row: LedgerRow): Promise<Reconciled> {
  if (!connector.lookup) return { kind: "review" };
  const currency = currencyOf(row.currency);
  try {
    const found = await connector.lookup({
      pgId: row.pgId,
      merchRefNum: row.merchRefNum,
      amountMinor: row.amountMinor,
      currency: row.currency,
      exponent: currency?.exponent ?? 2,
    });
    return found.found ? { kind: "answered", answer: found.answer } : { kind: "not_sent" };
  } catch (error) {
    if (!(error instanceof ConnectorUnreachable)) throw error;
    logger.warn({ pgId: row.pgId, reason: error.message }, "billing: could not reconcile a charge yet; trying again later");
    return { kind: "later", reason: error.message };
  }
}
