import "#server-only";
import { auditRowsSql, type Actor } from "../audit/record-audit";
import { randomHexId } from "../crypto/random-id";
import type { Tx } from "../db/client";
import { directWriteAtomically } from "../db/direct-sql";
import { lockRows } from "../db/locks";
import { Prisma } from "../db/sql";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, withRcode } from "../errors/api-error";
import { transactionEventData } from "../events/event-data";
import { eventRowsSql, type EventEntry } from "../events/record-event";
import { ConnectorUnreachable, type ConnectorAnswer, type GatewayConnector } from "../gateway/connector";
import { merchantGateway } from "../gateway/merchant-gateway";
import type { RouteResult } from "../http/route-result";
import { requestAmount, toMajorUnits } from "./amount";
import { currencyOf, type Currency } from "./currency";
import { connectorAnswer, UNKNOWN_OUTCOME, unknownOutcomeAnswer } from "./pg-answers";
import { insertTransactionSql, recordOutcomeSql, type TransactionRow, type TransactionOutcome } from "./transaction-rows";

// Capture, void and refund of an earlier transaction (docs/payments.md,
// "State rules"). Each is two writes around the connector's call, for every
// connector: the first checks the original's state under a lock, takes what
// the follow-up needs from it (the authorized amount, the room left to
// refund, the void) and records the follow-up as "outcome unknown"; the
// second writes the outcome, and gives back what was taken if it was
// declined. A concurrent follow-up on the same original waits for the lock
// and sees what the first took, so two refunds can never pass the captured
// amount. An unknown outcome keeps what was taken: the safe side until it is
// reconciled.

export type FollowUpType = "capture" | "void" | "refund";

/** Each follow-up's rcode when the original's state refuses it (409). */
const REFUSAL_RCODE: Record<FollowUpType, string> = { void: "401", refund: "402", capture: "403" };

type Taken = { original: TransactionRow; amountMinor: number; currency: Currency; pgId: string; undo: Prisma.Sql[] };

export async function followUp(
  actor: Actor,
  type: FollowUpType,
  originalPgId: string,
  input: { amt_tran?: unknown; echo_fields?: string },
): Promise<RouteResult> {
  const gateway = await merchantGateway(actor.merchantId);
  const { connector } = gateway;
  const taken = await writeTransaction((tx) => take(tx, actor, type, originalPgId, input.amt_tran, gateway.now(), connector));

  let answer: ConnectorAnswer;
  try {
    const request = {
      pgId: taken.pgId,
      original: { pgId: taken.original.pgId, upstreamPgId: taken.original.upstreamPgId },
      amountMinor: taken.amountMinor,
      currency: taken.currency.number,
      exponent: taken.currency.exponent,
    };
    answer = await connector[type](request);
  } catch (error) {
    if (!(error instanceof ConnectorUnreachable)) throw error;
    await directWriteAtomically([auditRowsSql(actor, [{ action: `transaction.${type}`, type: "transaction", id: taken.pgId }])]);
    return unknownOutcomeAnswer(taken.pgId, input.echo_fields);
  }

  const outcome = outcomeOf(type, answer, taken, gateway.now(), connector);
  const event: EventEntry = {
    type: !answer.approved
      ? "transaction_declined"
      : type === "void"
        ? "transaction_voided"
        : type === "refund"
          ? "transaction_refunded"
          : "transaction_approved",
    data: transactionEventData({
      ...taken.original,
      ...outcome,
      pgId: taken.pgId,
      type,
      amount: toMajorUnits(taken.amountMinor, taken.currency),
      originalPgId: taken.original.pgId,
    }),
  };
  await directWriteAtomically([
    recordOutcomeSql(taken.pgId, outcome, new Date()),
    ...(answer.approved ? [] : taken.undo),
    auditRowsSql(actor, [{ action: `transaction.${type}`, type: "transaction", id: taken.pgId }]),
    eventRowsSql(actor.merchantId, [event]).sql,
  ]);
  return connectorAnswer(taken.pgId, answer, { echoFields: input.echo_fields });
}

/** Checks the original's state under its lock, takes what the follow-up needs, and records the follow-up as unknown. */
async function take(
  tx: Tx,
  actor: Actor,
  type: FollowUpType,
  originalPgId: string,
  amount: unknown,
  gatewayNow: Date,
  connector: GatewayConnector,
): Promise<Taken> {
  const where = Prisma.sql`"pgId" = ${originalPgId} AND "merchantId" = ${actor.merchantId}`;
  await lockRows(tx, "Transaction", where);
  const original = (await tx.transaction.findFirst({ where: { pgId: originalPgId, merchantId: actor.merchantId } })) as TransactionRow | null;
  // Another merchant's pg_id is as unknown as one never issued.
  if (!original) throw withRcode(new ApiError("not_found", `pg_id ${originalPgId} not found`), "102");
  const currency = currencyOf(original.currency);
  if (!currency) throw new Error(`transaction ${original.pgId} has an unknown currency ${original.currency}`);
  const refuse = (why: string) => withRcode(new ApiError("conflict", why), REFUSAL_RCODE[type]);
  const settled = original.settlesAt !== null && original.settlesAt.getTime() <= gatewayNow.getTime();
  if (original.status === "V") throw refuse(`pg_id ${originalPgId} was voided`);
  if (original.status === "D") throw refuse(`pg_id ${originalPgId} was declined`);
  if (original.status === "F") throw refuse(`the outcome of pg_id ${originalPgId} is not known yet; it must be reconciled first`);

  const undo: Prisma.Sql[] = [];
  const now = new Date();
  let amountMinor: number;
  if (type === "capture") {
    if (original.type !== "auth") throw refuse(`only an auth can be captured; pg_id ${originalPgId} is a ${original.type}`);
    if (original.status !== "A") throw refuse(`pg_id ${originalPgId} was already captured`);
    amountMinor = requestAmount(amount, currency, "refused");
    if (BigInt(amountMinor) > original.approvedMinor) {
      throw refuse(`a capture of more than was authorized: at most ${toMajorUnits(Number(original.approvedMinor), currency)}`);
    }
    const settlesAt = connector.settlesAt(gatewayNow);
    await tx.transaction.update({ where: { id: original.id }, data: { status: "C", capturedMinor: BigInt(amountMinor), settlesAt } });
    undo.push(Prisma.sql`UPDATE "Transaction" SET "status" = ${"A"}, "capturedMinor" = ${0n}, "settlesAt" = ${null} WHERE "id" = ${original.id}`);
  } else if (type === "refund") {
    if (original.type !== "sale" && original.type !== "auth")
      throw refuse(`only a sale or a captured auth can be refunded; pg_id ${originalPgId} is a ${original.type}`);
    if (original.status !== "C") throw refuse(`pg_id ${originalPgId} has not been captured: void it instead`);
    amountMinor = requestAmount(amount, currency, "refused");
    const left = original.capturedMinor - original.refundedMinor;
    if (BigInt(amountMinor) > left) throw refuse(`a refund above what is left to refund: at most ${toMajorUnits(Number(left), currency)}`);
    await tx.transaction.update({ where: { id: original.id }, data: { refundedMinor: { increment: BigInt(amountMinor) } } });
    undo.push(Prisma.sql`UPDATE "Transaction" SET "refundedMinor" = "refundedMinor" - ${BigInt(amountMinor)} WHERE "id" = ${original.id}`);
  } else {
    if (!["sale", "auth", "refund", "credit"].includes(original.type)) {
      throw refuse(`a ${original.type} cannot be voided${original.type === "capture" ? ": void the auth it captured" : ""}`);
    }
    if (settled) throw refuse(`pg_id ${originalPgId} has settled: refund it instead`);
    if (original.refundedMinor > 0n) throw refuse(`pg_id ${originalPgId} has refunds: void them first`);
    amountMinor = Number(original.type === "auth" && original.status === "A" ? original.approvedMinor : original.capturedMinor);
    await tx.transaction.update({ where: { id: original.id }, data: { status: "V" } });
    undo.push(Prisma.sql`UPDATE "Transaction" SET "status" = ${original.status} WHERE "id" = ${original.id}`);
    // A voided auth's captures go with it; a voided refund gives its amount back to what may be refunded.
    if (original.type === "auth") {
      await tx.transaction.updateMany({ where: { originalId: original.id, type: "capture", status: "C" }, data: { status: "V" } });
      undo.push(Prisma.sql`UPDATE "Transaction" SET "status" = ${"C"} WHERE "originalId" = ${original.id} AND "type" = ${"capture"} AND "status" = ${"V"}`);
    }
    if (original.type === "refund" && original.originalId !== null) {
      await tx.transaction.update({ where: { id: original.originalId }, data: { refundedMinor: { decrement: original.capturedMinor } } });
      undo.push(Prisma.sql`UPDATE "Transaction" SET "refundedMinor" = "refundedMinor" + ${original.capturedMinor} WHERE "id" = ${original.originalId}`);
    }
  }

  const pgId = randomHexId();
  await tx.$executeRaw(
    insertTransactionSql(
      {
        pgId,
        merchantId: actor.merchantId,
        type,
        status: "F",
        ...UNKNOWN_OUTCOME,
        currency: original.currency,
        amountMinor: BigInt(amountMinor),
        approvedMinor: 0n,
        capturedMinor: 0n,
        cardId: original.cardId,
        customerId: original.customerId,
        maskedNumber: original.maskedNumber,
        cardType: original.cardType,
        cardFingerprint: original.cardFingerprint,
        authCode: null,
        avsResult: null,
        cvvResult: null,
        merchRefNum: original.merchRefNum,
        purchaseId: original.purchaseId,
        originalId: original.id,
        connector: connector.name,
        upstreamPgId: null,
        settlesAt: null,
      },
      now,
    ),
  );
  return { original, amountMinor, currency, pgId, undo };
}

function outcomeOf(type: FollowUpType, answer: ConnectorAnswer, taken: Taken, gatewayNow: Date, connector: GatewayConnector): TransactionOutcome {
  const moved = answer.approved && type !== "void";
  return {
    status: !answer.approved ? "D" : type === "void" ? "V" : "C",
    rcode: answer.rcode,
    rmsg: answer.rmsg,
    approvedMinor: answer.approved ? BigInt(taken.amountMinor) : 0n,
    capturedMinor: moved ? BigInt(taken.amountMinor) : 0n,
    authCode: answer.authCode ?? null,
    avsResult: null,
    cvvResult: null,
    upstreamPgId: answer.upstreamPgId ?? null,
    // A capture or a refund settles in the batch of the day it was made.
    settlesAt: moved ? connector.settlesAt(gatewayNow) : null,
  };
}
