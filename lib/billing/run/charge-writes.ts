import "#server-only";
import { auditRowsSql, type Actor, type AuditEntry } from "../../audit/record-audit";
import { Prisma } from "../../db/sql";
import { transactionEventData } from "../../events/event-data";
import { eventRowsSql, type EventEntry } from "../../events/record-event";
import type { ConnectorAnswer, GatewayConnector } from "../../gateway/connector";
import { toMajorUnits } from "../../payments/amount";
import { outcomeOf } from "../../payments/charge-card";
import { insertTransactionRowsSql, recordOutcomeSql } from "../../payments/transaction-rows";
import { subscriptionEventData, type SubscriptionForEvent } from "../subscriptions/subscription-event-data";
import { claimAtLeastUntil } from "./claim-subscriptions";
import { pendingTransaction, type BillingCharge } from "./billing-charge";
import type { SubscriptionChange } from "./charge-outcome";

// The billing run's writes, as statements the caller commits together
// (directWriteAtomically). Two per charge, around the connector's call:
//
// 1. reserve: the ledger row (its unique key is the subscription, the cycle
//    and the attempt), the transaction with its outcome unknown, and the
//    subscription marked as charging that pg_id. Committed before the call,
//    so a crash after it leaves a row to reconcile, never an unknown charge.
// 2. the outcome: the transaction's and the ledger row's, the subscription's
//    next step, the events and the audit row; or, when the outcome stays
//    unknown, the ledger row marked so and the subscription left to be
//    reconciled. Each of these releases the worker's claim.
//
// The subscription's update in an outcome write is guarded by its
// chargingPgId, so a late write of a worker that lost its claim cannot move
// it twice. The transaction's, the ledger row's, the events and the audit
// row are not: a worker holds its claim while its calls and lookups may be
// in flight (charge-claimed.ts, claim-subscriptions.ts), so only a process
// stalled past that hold could write an outcome twice.

export const BILLING_ACTOR_NAME = "billing";

export function billingActor(merchantId: bigint): Actor {
  return { merchantId, actor: BILLING_ACTOR_NAME };
}

/**
 * `holdUntilMs`: the subscription's claim is kept at least that long (it is
 * never shortened), so that no other worker can reconcile the charge while
 * its call may still be at the gateway (charge-claimed.ts, callWindow).
 */
export function reserveChargeSql(charge: BillingCharge, connectorName: string, now: Date, holdUntilMs: number): Prisma.Sql[] {
  return reserveChargesSql([charge], connectorName, now, holdUntilMs);
}

/**
 * A batch's reserve: its ledger rows in one INSERT, its transactions in
 * another, and its subscriptions marked as charging and held until
 * `holdUntilMs` in one UPDATE (one statement each rather than one per
 * charge: on PostgreSQL every statement is a round trip).
 */
export function reserveChargesSql(charges: BillingCharge[], connectorName: string, now: Date, holdUntilMs: number): Prisma.Sql[] {
  const ledgerRows = charges.map(
    (charge) => Prisma.sql`(${charge.merchantId}, ${charge.subscriptionId}, ${charge.seq}, ${charge.attempt}, ${charge.kind}, ${charge.cycleDay},
      ${BigInt(charge.amountMinor)}, ${charge.currency.number}, ${"pending"}, ${charge.pgId}, ${now}, ${now})`,
  );
  const pending = charges.map((charge) => pendingTransaction(charge, connectorName));
  // Each subscription's own value, picked by its id (the casts type the parameters alike on both databases).
  const byId = (value: (charge: BillingCharge) => Prisma.Sql) =>
    Prisma.sql`CASE "id" ${Prisma.join(
      charges.map((charge) => Prisma.sql`WHEN ${charge.subscriptionId} THEN ${value(charge)}`),
      " ",
    )} END`;
  const ids = Prisma.join(charges.map((charge) => charge.subscriptionId));
  return [
    Prisma.sql`
      INSERT INTO "BillingCharge" ("merchantId", "subscriptionId", "seq", "attempt", "kind", "cycleDay", "amountMinor", "currency", "state", "pgId", "createdAt", "updatedAt")
      VALUES ${Prisma.join(ledgerRows)}`,
    insertTransactionRowsSql(pending, now),
    Prisma.sql`
      UPDATE "Subscription" SET "chargingPgId" = ${byId((charge) => Prisma.sql`CAST(${charge.pgId} AS TEXT)`)},
        "nextAttempt" = ${byId((charge) => Prisma.sql`CAST(${charge.attempt + 1} AS INTEGER)`)},
        ${claimAtLeastUntil(holdUntilMs)}, "updatedAt" = ${now}
      WHERE "id" IN (${ids})`,
  ];
}

const RELEASE = Prisma.sql`"chargingPgId" = NULL, "claimedBy" = NULL, "claimUntil" = NULL`;

function subscriptionUpdateSql(charge: BillingCharge, change: SubscriptionChange, today: number, now: Date): Prisma.Sql {
  const whileActive = (column: string, value: unknown) =>
    Prisma.sql`${Prisma.raw(`"${column}"`)} = CASE WHEN "status" = 'A' THEN ${value} ELSE ${Prisma.raw(`"${column}"`)} END`;
  let set: Prisma.Sql;
  switch (change.kind) {
    case "setup":
      set = Prisma.empty;
      break;
    case "advance":
      set = Prisma.sql`"nextSeq" = ${change.nextSeq}, "declines" = 0, ${whileActive("dueDay", change.dueDay)},`;
      break;
    case "complete":
      // A subscription cancelled while its last charge was in flight stays cancelled.
      set = Prisma.sql`"status" = CASE WHEN "status" = 'C' THEN 'C' ELSE 'D' END, "nextSeq" = NULL, "dueDay" = NULL, "declines" = 0, "statusDay" = ${today},`;
      break;
    case "retry":
      set = Prisma.sql`"declines" = ${change.declines}, ${whileActive("dueDay", change.dueDay)},`;
      break;
    case "suspend":
      set = Prisma.sql`${whileActive("status", "S")}, "suspendedDay" = ${today}, "dueDay" = NULL, "declines" = 0,`;
      break;
  }
  return Prisma.sql`
    UPDATE "Subscription" SET ${set} ${RELEASE}, "updatedAt" = ${now}
    WHERE "id" = ${charge.subscriptionId} AND "chargingPgId" = ${charge.pgId}`;
}

/** The status the subscription has after the change, as its events say (it was active when charged). */
function statusAfter(change: SubscriptionChange): string {
  return change.kind === "complete" ? "D" : change.kind === "suspend" ? "S" : "A";
}

/**
 * An answer's writes, with its ledger row's outcome, its events and its
 * audit row kept apart from its own statements, so that a batch writes each
 * of those in one statement for all its answers (answersSql).
 */
export type AnswerRows = {
  merchantId: bigint;
  status: string;
  /** The transaction's outcome and the subscription's next step. */
  statements: Prisma.Sql[];
  ledger: { pgId: string; state: string; rcode: string };
  events: EventEntry[];
  audit: AuditEntry;
};

type AnswerContext = { today: number; gatewayNow: Date; connector: GatewayConnector; now: Date };

/** An answer's writes: the transaction, the ledger row, the subscription's next step, the events and the audit row, as rows (see AnswerRows). */
export function answerRows(
  subscription: Omit<SubscriptionForEvent, "status">,
  charge: BillingCharge,
  answer: ConnectorAnswer,
  change: SubscriptionChange,
  context: AnswerContext,
): AnswerRows {
  const { now } = context;
  const outcome = outcomeOf("sale", answer, context.gatewayNow, context.connector);
  const status = statusAfter(change);
  const forEvent = { ...subscription, status };
  const shown = toMajorUnits(answer.approved ? answer.approvedMinor : charge.amountMinor, charge.currency);
  const pending = pendingTransaction(charge, context.connector.name);
  const events: EventEntry[] = [
    {
      type: answer.approved ? "transaction_approved" : "transaction_declined",
      data: transactionEventData({ ...pending, ...outcome, amount: shown, originalPgId: null }),
    },
    {
      type: answer.approved ? "subscription_payment_success" : "subscription_payment_failure",
      data: subscriptionEventData(forEvent, {
        pgId: charge.pgId,
        rcode: answer.rcode,
        rmsg: answer.rmsg,
        amountMinor: BigInt(charge.amountMinor),
        seq: charge.seq,
        cycleDay: charge.cycleDay,
      }),
    },
  ];
  if (change.kind === "complete") events.push({ type: "subscription_complete", data: subscriptionEventData(forEvent) });
  if (change.kind === "suspend") events.push({ type: "subscription_suspended", data: subscriptionEventData(forEvent) });
  return {
    merchantId: charge.merchantId,
    status,
    statements: [recordOutcomeSql(charge.pgId, outcome, now), subscriptionUpdateSql(charge, change, context.today, now)],
    ledger: { pgId: charge.pgId, state: answer.approved ? "approved" : "declined", rcode: answer.rcode },
    events,
    audit: { action: "subscription.charge", type: "transaction", id: charge.pgId },
  };
}

/**
 * Several answers' writes, to commit together: each one's transaction and
 * subscription; then the ledger rows of each outcome (state and rcode) in
 * one UPDATE, and each merchant's events and audit rows in one INSERT each,
 * in the answers' order. On PostgreSQL every statement is a round trip: a
 * batch of a hundred approvals writes 203 statements, not 500.
 */
export function answersSql(answers: AnswerRows[], now: Date): Prisma.Sql[] {
  const statements = answers.flatMap((answer) => answer.statements);
  const byOutcome = new Map<string, { state: string; rcode: string; pgIds: string[] }>();
  const byMerchant = new Map<bigint, AnswerRows[]>();
  for (const answer of answers) {
    const { state, rcode, pgId } = answer.ledger;
    const key = JSON.stringify([state, rcode]);
    const group = byOutcome.get(key) ?? { state, rcode, pgIds: [] };
    group.pgIds.push(pgId);
    byOutcome.set(key, group);
    byMerchant.set(answer.merchantId, [...(byMerchant.get(answer.merchantId) ?? []), answer]);
  }
  for (const { state, rcode, pgIds } of byOutcome.values()) {
    statements.push(
      Prisma.sql`UPDATE "BillingCharge" SET "state" = ${state}, "rcode" = ${rcode}, "updatedAt" = ${now} WHERE "pgId" IN (${Prisma.join(pgIds)})`,
    );
  }
  for (const [merchantId, rows] of byMerchant) {
    statements.push(
      eventRowsSql(
        merchantId,
        rows.flatMap((row) => row.events),
      ).sql,
    );
    statements.push(
      auditRowsSql(
        billingActor(merchantId),
        rows.map((row) => row.audit),
      ),
    );
  }
  return statements;
}

/**
 * The connector could not tell what happened: the ledger row says unknown and
 * the subscription stays marked as charging that pg_id, its claim given back
 * until `retryAtMs`, when a worker reconciles it (reconcile-charge.ts).
 */
export function unknownOutcomeSql(charge: Pick<BillingCharge, "pgId" | "subscriptionId" | "merchantId">, retryAtMs: number, now: Date): Prisma.Sql[] {
  return [
    Prisma.sql`UPDATE "BillingCharge" SET "state" = ${"unknown"}, "updatedAt" = ${now} WHERE "pgId" = ${charge.pgId} AND "state" IN ('pending', 'unknown')`,
    Prisma.sql`
      UPDATE "Subscription" SET "claimedBy" = NULL, "claimUntil" = ${BigInt(retryAtMs)}, "updatedAt" = ${now}
      WHERE "id" = ${charge.subscriptionId} AND "chargingPgId" = ${charge.pgId}`,
  ];
}

/** Reconciled as never sent: nothing reached the network, so the cycle is still due and is charged again under the next attempt. */
export function notSentSql(charge: Pick<BillingCharge, "pgId" | "subscriptionId" | "merchantId">, now: Date): Prisma.Sql[] {
  return [
    Prisma.sql`UPDATE "BillingCharge" SET "state" = ${"not_sent"}, "updatedAt" = ${now} WHERE "pgId" = ${charge.pgId}`,
    Prisma.sql`
      UPDATE "Transaction" SET "rmsg" = ${"Not sent: the gateway never received this charge (reconciled)"}, "updatedAt" = ${now}
      WHERE "pgId" = ${charge.pgId}`,
    Prisma.sql`UPDATE "Subscription" SET ${RELEASE}, "updatedAt" = ${now} WHERE "id" = ${charge.subscriptionId} AND "chargingPgId" = ${charge.pgId}`,
    auditRowsSql(billingActor(charge.merchantId), [{ action: "subscription.charge_not_sent", type: "transaction", id: charge.pgId }]),
  ];
}

/** Reconciling is impossible (the connector has no lookup): the charge waits for a person, and the subscription is held meanwhile. */
export function reviewSql(charge: Pick<BillingCharge, "pgId" | "subscriptionId" | "merchantId">, now: Date): Prisma.Sql[] {
  return [
    Prisma.sql`UPDATE "BillingCharge" SET "state" = ${"review"}, "updatedAt" = ${now} WHERE "pgId" = ${charge.pgId}`,
    Prisma.sql`
      UPDATE "Subscription" SET "heldForReview" = ${true}, ${RELEASE}, "updatedAt" = ${now}
      WHERE "id" = ${charge.subscriptionId} AND "chargingPgId" = ${charge.pgId}`,
    auditRowsSql(billingActor(charge.merchantId), [{ action: "subscription.charge_review", type: "transaction", id: charge.pgId }]),
  ];
}

/** Gives back claims of subscriptions the worker claimed but did not charge. */
export function releaseClaimsSql(ids: number[], workerId: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Subscription" SET "claimedBy" = NULL, "claimUntil" = NULL, "updatedAt" = ${now}
    WHERE "id" IN (${Prisma.join(ids)}) AND "claimedBy" = ${workerId}`;
}

/**
 * A due cycle that cannot be charged at all (the card is gone or expired, the
 * customer has none): the subscription is suspended as after a hard decline,
 * without a call, with its event saying why.
 */
export function suspendWithoutChargeSql(
  merchantId: bigint,
  subscription: SubscriptionForEvent,
  reason: string,
  today: number,
  workerId: string,
  now: Date,
): Prisma.Sql[] {
  const data = { ...subscriptionEventData({ ...subscription, status: "S" }), rmsg: reason };
  return [
    Prisma.sql`
      UPDATE "Subscription" SET "status" = CASE WHEN "status" = 'A' THEN 'S' ELSE "status" END, "suspendedDay" = ${today}, "dueDay" = NULL, "declines" = 0,
        "claimedBy" = NULL, "claimUntil" = NULL, "updatedAt" = ${now}
      WHERE "id" = ${subscription.id} AND "claimedBy" = ${workerId} AND "chargingPgId" IS NULL`,
    eventRowsSql(merchantId, [{ type: "subscription_suspended", data }]).sql,
    auditRowsSql(billingActor(merchantId), [{ action: "subscription.suspend", type: "subscription", id: String(subscription.id) }]),
  ];
}
