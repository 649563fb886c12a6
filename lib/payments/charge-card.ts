import "#server-only";
import { auditRowsSql, type Actor } from "../audit/record-audit";
import { randomHexId } from "../crypto/random-id";
import { directWriteAtomically } from "../db/direct-sql";
import { fieldError } from "../errors/api-error";
import { transactionEventData } from "../events/event-data";
import { eventRowsSql } from "../events/record-event";
import { ConnectorUnreachable, type CardRequest, type ConnectorAnswer, type GatewayConnector } from "../gateway/connector";
import { merchantGateway } from "../gateway/merchant-gateway";
import type { RouteResult } from "../http/route-result";
import { requestAmount, toMajorUnits } from "./amount";
import { resolveChargeCard, type ChargeCard } from "./charge-card-source";
import type { Currency } from "./currency";
import { refuseDuplicateSale } from "./duplicate-sale";
import { connectorAnswer, UNKNOWN_OUTCOME, unknownOutcomeAnswer } from "./pg-answers";
import { requestCurrency } from "./request-currency";
import { cardToStore } from "./tokenize-on-charge";
import type { PgTransactionRequest } from "./schemas";
import { insertTransactionSql, recordOutcomeSql, type NewTransaction, type TransactionOutcome } from "./transaction-rows";

// A new charge on a card: sale, auth, verify or credit (docs/payments.md).
// The request is checked and its card found before anything is written; then
//
// - an in-process connector (the sandbox) is called, and the transaction is
//   written once with its outcome, its audit row and its event;
// - a connector that leaves the process is called between two writes: the
//   transaction is recorded first as "outcome unknown", so a crash or a
//   timeout leaves a row to reconcile, never a charge nobody knows of; the
//   outcome then overwrites it.
//
// With an Idempotency-Key, the key's record commits in the first of those
// writes (lib/idempotency): a retry replays the answer, and a retry while the
// outcome is unknown is a 409, never a second charge.

export type ChargeType = "sale" | "auth" | "verify" | "credit";

export const CALL: Record<ChargeType, keyof Pick<GatewayConnector, "sale" | "authorize" | "verify" | "credit">> = {
  sale: "sale",
  auth: "authorize",
  verify: "verify",
  credit: "credit",
};

/** Told why the connector could not be reached: the API's 509 does not say, the portal's connection test does. */
export type ChargeHooks = { onUnreachable?: (reason: string) => void };

export async function chargeCard(actor: Actor, type: ChargeType, input: PgTransactionRequest, hooks: ChargeHooks = {}): Promise<RouteResult> {
  const currency = requestCurrency(input.tran_currency);
  const amountMinor = requestAmount(input.amt_tran, currency, type === "verify" ? "allowed" : "refused");
  if (type === "verify" && amountMinor !== 0) throw fieldError("amt_tran", "must be 0 or absent on a verify");
  const card = await resolveChargeCard(actor.merchantId, input, new Date());
  if (input.tokenize && type === "credit") throw fieldError("tokenize", "is for a sale, an auth or a verify");
  // A vault card or a token is stored already; tokenize stores a keyed one.
  const toStore = input.tokenize && card.cardId === null ? await cardToStore(actor, card, input) : null;
  if (type === "sale" && input.duplicate_seconds) {
    await refuseDuplicateSale(
      actor.merchantId,
      { fingerprint: card.fingerprint, amountMinor, merchRefNum: input.merch_ref_num ?? null },
      input.duplicate_seconds,
    );
  }

  const gateway = await merchantGateway(actor.merchantId);
  const { connector } = gateway;
  const pgId = randomHexId();
  const pending = newTransaction(actor.merchantId, type, pgId, amountMinor, currency, card, input, connector.name);
  if (!connector.inProcess) await directWriteAtomically([insertTransactionSql(pending, new Date())]);

  let answer: ConnectorAnswer;
  try {
    answer = await connector[CALL[type]](cardRequest(pgId, amountMinor, currency, card, input));
  } catch (error) {
    if (!(error instanceof ConnectorUnreachable)) throw error;
    hooks.onUnreachable?.(error.message);
    // Recorded before the call (a connector that leaves the process): the row already says "unknown".
    await directWriteAtomically([auditRowsSql(actor, [{ action: `transaction.${type}`, type: "transaction", id: pgId }])]);
    return unknownOutcomeAnswer(pgId, input.echo_fields);
  }

  const stored = answer.approved ? toStore : null;
  const outcome = { ...outcomeOf(type, answer, gateway.now(), connector), ...(stored ? { cardId: stored.cardId, customerId: stored.customerId } : {}) };
  const now = new Date();
  const written = { ...pending, ...outcome };
  await directWriteAtomically([
    ...(stored?.statements ?? []),
    connector.inProcess ? insertTransactionSql(written, now) : recordOutcomeSql(pgId, outcome, now),
    auditRowsSql(actor, [{ action: `transaction.${type}`, type: "transaction", id: pgId }]),
    eventRowsSql(actor.merchantId, [
      {
        type: answer.approved ? "transaction_approved" : "transaction_declined",
        // What the transaction API shows: the amount approved, or the amount asked when it was not.
        data: transactionEventData({ ...written, amount: toMajorUnits(answer.approved ? answer.approvedMinor : amountMinor, currency), originalPgId: null }),
      },
    ]).sql,
  ]);
  const partial = answer.approved && answer.approvedMinor < amountMinor && type !== "verify";
  return connectorAnswer(pgId, answer, {
    echoFields: input.echo_fields,
    cardId: written.cardId,
    ...(type === "verify" ? { maskedNumber: card.maskedNumber } : {}),
    ...(partial ? { partialAmount: toMajorUnits(answer.approvedMinor, currency) } : {}),
  });
}

/** A transaction as first known: its request, and an outcome still unknown. */
export function newTransaction(
  merchantId: bigint,
  type: ChargeType,
  pgId: string,
  amountMinor: number,
  currency: Currency,
  card: ChargeCard,
  input: PgTransactionRequest,
  connector: string,
): NewTransaction {
  return {
    pgId,
    merchantId,
    type,
    // Until the connector answers, the outcome is unknown.
    status: "F",
    ...UNKNOWN_OUTCOME,
    currency: currency.number,
    amountMinor: BigInt(amountMinor),
    approvedMinor: 0n,
    capturedMinor: 0n,
    cardId: card.cardId,
    customerId: card.customerId,
    maskedNumber: card.maskedNumber,
    cardType: card.cardType,
    cardFingerprint: card.fingerprint,
    authCode: null,
    avsResult: null,
    cvvResult: null,
    merchRefNum: input.merch_ref_num ?? null,
    purchaseId: input.purchase_id ?? null,
    originalId: null,
    connector,
    upstreamPgId: null,
    settlesAt: null,
  };
}

/** What the connector is asked: the card (its number opened only when the connector asks), amount and options. */
export function cardRequest(pgId: string, amountMinor: number, currency: Currency, card: ChargeCard, input: PgTransactionRequest): CardRequest {
  return {
    pgId,
    amountMinor,
    currency: currency.number,
    exponent: currency.exponent,
    partialAuth: input.partial_auth === true,
    merchRefNum: input.merch_ref_num,
    purchaseId: input.purchase_id,
    motoEcommInd: input.moto_ecomm_ind,
    card: {
      maskedNumber: card.maskedNumber,
      expDate: card.expDate,
      cardType: card.cardType,
      cvv2: input.cvv2,
      avsZip: input.avs_zip,
      avsAddress: input.avs_address,
      cardholderName: input.cardholder_name,
      withNumber: (use) => use(card.openNumber()),
    },
  };
}

/** What the answer makes of the transaction: its status letter, amounts, and when a captured amount settles. */
export function outcomeOf(type: ChargeType, answer: ConnectorAnswer, gatewayNow: Date, connector: GatewayConnector): TransactionOutcome {
  // A sale and a credit are captured at once; an auth waits for its capture; a verify moves no money.
  const captured = answer.approved && (type === "sale" || type === "credit");
  return {
    status: !answer.approved ? "D" : captured ? "C" : "A",
    rcode: answer.rcode,
    rmsg: answer.rmsg,
    approvedMinor: BigInt(answer.approvedMinor),
    capturedMinor: captured ? BigInt(answer.approvedMinor) : 0n,
    authCode: answer.authCode ?? null,
    avsResult: answer.avsResult ?? null,
    cvvResult: answer.cvvResult ?? null,
    upstreamPgId: answer.upstreamPgId ?? null,
    settlesAt: captured ? connector.settlesAt(gatewayNow) : null,
  };
}
