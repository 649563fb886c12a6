import "#server-only";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Actor } from "../../audit/record-audit";
import { directWriteAtomically } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError } from "../../errors/api-error";
import { ConnectorUnreachable, type ConnectorAnswer } from "../../gateway/connector";
import { merchantGateway } from "../../gateway/merchant-gateway";
import { toMajorUnits } from "../../payments/amount";
import { resolveChargeCard } from "../../payments/charge-card-source";
import { UNKNOWN_OUTCOME } from "../../payments/pg-answers";
import { getEnv } from "../../env";
import { dayOfInstant } from "../merchant-today";
import { billingCardRequest, newBillingCharge, SETUP_SEQ, type BillingCharge } from "./billing-charge";
import { callWindow } from "./charge-claimed";
import { changeAfterAnswer } from "./charge-outcome";
import { answerRows, answersSql, reserveChargeSql, unknownOutcomeSql } from "./charge-writes";
import { CLAIMED_COLUMNS, claimedFromRow, claimIsFree, type ClaimedRow, type ClaimedSubscription } from "./claim-subscriptions";

// A subscription's setup fee (amt_setup), charged when the subscription is
// added (docs/billing.md, "Subscriptions"), through the same ledger as its
// cycles: a ledger row (cycle -1) committed before the call, the outcome
// after. The subscription is claimed meanwhile, so a worker billing its
// first cycle waits for the fee, and never mistakes the fee's charge in
// flight for one a crash left unresolved.

export type SetupFeeOutcome = {
  /** Approved; false for a decline and for an outcome the gateway did not tell (reconciled later). */
  approved: boolean;
  /** The gateway's answer, as the reference's GatewayResponse. */
  response: Record<string, unknown>;
};

/** How long to wait for a worker that holds the subscription (charging its first cycle) to give it back. */
const CLAIM_WAIT_MS = 10_000;

async function claimForSetup(actor: Actor, subscriptionId: number, claimedBy: string): Promise<ClaimedSubscription & { setupMinor: bigint }> {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  for (;;) {
    const now = Date.now();
    const [row] = await writeTransaction((tx) =>
      tx.$queryRaw<(ClaimedRow & { setupMinor: bigint | number })[]>(Prisma.sql`
        UPDATE "Subscription" SET "claimedBy" = ${claimedBy}, "claimUntil" = ${BigInt(now + getEnv().BILLING_CLAIM_SECONDS * 1000)}
        WHERE "id" = ${subscriptionId} AND "merchantId" = ${actor.merchantId} AND "chargingPgId" IS NULL
          AND ${claimIsFree(now)}
        RETURNING ${CLAIMED_COLUMNS}, "setupMinor"`),
    );
    if (row) return { ...claimedFromRow(row), setupMinor: BigInt(row.setupMinor) };
    if (Date.now() > deadline) throw new ApiError("conflict", `Subscription ${subscriptionId} is being charged; its setup fee was not charged`);
    await sleep(50);
  }
}

export async function chargeSetupFee(actor: Actor, subscriptionId: number): Promise<SetupFeeOutcome> {
  const claimedBy = `setup:${randomBytes(6).toString("hex")}`;
  const subscription = await claimForSetup(actor, subscriptionId, claimedBy);
  const gateway = await merchantGateway(actor.merchantId);
  const { connector } = gateway;
  const source = subscription.cardId ? { card_id: subscription.cardId } : { customer_id: subscription.customerId };
  const card = await resolveChargeCard(actor.merchantId, { merchant_id: 0, ...source }, gateway.now());
  const today = dayOfInstant(gateway.now().getTime());
  const charge = newBillingCharge({
    merchantId: actor.merchantId,
    subscriptionId,
    seq: SETUP_SEQ,
    attempt: subscription.nextAttempt,
    kind: "setup",
    cycleDay: today,
    amountMinor: Number(subscription.setupMinor),
    currency: subscription.currency,
    purchaseId: subscription.purchaseId,
    card,
  });
  // Held at least while the call may be at the gateway, as a batch's are (charge-claimed.ts).
  const window = callWindow(1, connector, Date.now());
  await directWriteAtomically(reserveChargeSql(charge, connector.name, gateway.now(), window?.holdUntilMs ?? Date.now()));
  let answer: ConnectorAnswer;
  try {
    answer = await connector.sale(billingCardRequest(charge));
  } catch (error) {
    if (!(error instanceof ConnectorUnreachable)) throw error;
    // Left for the run to reconcile (the subscription stays marked as charging this pg_id).
    await directWriteAtomically(unknownOutcomeSql(charge, Date.now() + 60_000, new Date()));
    return {
      approved: false,
      response: gatewayResponse(charge, { approved: false, rcode: UNKNOWN_OUTCOME.rcode, rmsg: UNKNOWN_OUTCOME.rmsg, approvedMinor: 0 }, gateway.now()),
    };
  }
  const change = changeAfterAnswer(subscription, charge, answer, subscription.declines, today);
  const now = new Date();
  await directWriteAtomically(answersSql([answerRows(subscription, charge, answer, change, { today, gatewayNow: gateway.now(), connector, now })], now));
  return { approved: answer.approved, response: gatewayResponse(charge, answer, gateway.now()) };
}

/** The reference's GatewayResponse for the fee's charge; the card masked. */
function gatewayResponse(charge: BillingCharge, answer: ConnectorAnswer, at: Date): Record<string, unknown> {
  return {
    pg_id: charge.pgId,
    rcode: answer.rcode,
    rmsg: answer.rmsg,
    status: answer.approved ? "Approved" : "Declined",
    http_status: answer.approved ? 200 : answer.rcode === UNKNOWN_OUTCOME.rcode ? 509 : 402,
    ...(answer.authCode ? { auth_code: answer.authCode } : {}),
    ...(charge.card.cardId ? { card_id: charge.card.cardId } : {}),
    card_number: charge.card.maskedNumber,
    tran_time: at.toISOString(),
    amt_tran: toMajorUnits(answer.approved ? answer.approvedMinor : charge.amountMinor, charge.currency),
    ...(charge.purchaseId ? { purchase_id: charge.purchaseId } : {}),
    merch_ref_num: charge.merchRefNum,
    tran_currency: String(charge.currency.number).padStart(3, "0"),
    merchant_id: Number(charge.merchantId),
    ...(charge.card.customerId ? { customer_id: charge.card.customerId } : {}),
    recurring: false,
  };
}
