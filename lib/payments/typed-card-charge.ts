import "#server-only";
import { auditRowsSql, recordAudit, type Actor } from "../audit/record-audit";
import { validateCardNumber } from "../cards/card-number";
import { randomHexId } from "../crypto/random-id";
import type { Tx } from "../db/client";
import { directWriteAtomically } from "../db/direct-sql";
import { transactionEventData } from "../events/event-data";
import { recordEvent } from "../events/record-event";
import { ConnectorUnreachable, type ConnectorAnswer } from "../gateway/connector";
import { merchantGateway, type MerchantGateway } from "../gateway/merchant-gateway";
import type { PreparedCard } from "../vault/prepare-card";
import type { AddBillingCardInput } from "../vault/schemas";
import { toMajorUnits } from "./amount";
import { CALL, cardRequest, newTransaction, outcomeOf } from "./charge-card";
import type { ChargeCard } from "./charge-card-source";
import { currencyOf, type Currency } from "./currency";
import type { PgTransactionRequest } from "./schemas";
import { insertTransactionSql, recordOutcomeSql } from "./transaction-rows";

// A charge on a card typed into one of the vault's own card forms: a payment
// link's hosted page (lib/checkout/pay-checkout.ts) and the embedded form
// with an amount (lib/embedded/pay-with-embedded-form.ts). Two writes around
// the connector's call, whatever the connector (docs/payments.md, "At most
// once"): the caller reserves its form (the link pending, the key used) in
// the same transaction as reserveTypedCharge records the transaction as
// "outcome unknown"; after the call, recordTypedOutcome writes the outcome
// beside the caller's own changes (the card stored, or the failure counted).
// An unknown outcome leaves the row F and the form reserved: never charged twice.

/** A form's charge: a sale, or an auth to capture later. */
export type TypedChargeType = "sale" | "auth";

/** What the form charges: the amount, its currency and the merchant's references, as the link or key was made with them. */
export type TypedChargeTerms = {
  type: TypedChargeType;
  amountMinor: number;
  /** ISO 4217 numeric, as stored with the link or key. */
  currencyNumber: number;
  merchRefNum: string | null;
  purchaseId: string | null;
};

/** A charge recorded as unknown, ready for the connector's call. */
export type TypedCharge = {
  merchantId: bigint;
  type: TypedChargeType;
  pgId: string;
  amountMinor: number;
  currency: Currency;
  card: ChargeCard;
  request: PgTransactionRequest;
  gateway: MerchantGateway;
};

/** The card number as typed, its digits only, when prepareCard accepted it; null otherwise. */
export function typedDigits(input: AddBillingCardInput): string | null {
  const checked = validateCardNumber(input.card_number ?? "");
  return checked.ok ? checked.digits : null;
}

/**
 * Step 1, inside the caller's transaction: the transaction recorded as
 * "outcome unknown" (status F), with the customer it will belong to, if any,
 * and the payment link it is made on, if any.
 */
export async function reserveTypedCharge(
  tx: Tx,
  options: {
    merchantId: bigint;
    terms: TypedChargeTerms;
    card: PreparedCard;
    digits: string;
    input: AddBillingCardInput;
    customer: { customerId: string | null; customerPk: number | null };
    checkoutId?: string;
  },
): Promise<TypedCharge> {
  const { merchantId, terms, card, digits, input, customer } = options;
  const currency = currencyOf(terms.currencyNumber);
  // Checked when the link or key was made: a code unknown now is a broken row, not the customer's mistake.
  if (!currency) throw new Error(`a charge with an unknown currency ${terms.currencyNumber}`);
  const pgId = randomHexId();
  const gateway = await merchantGateway(merchantId);
  const chargeCard = asChargeCard(card, digits, customer);
  const request = requestOf(terms, input);
  const pending = newTransaction(merchantId, terms.type, pgId, terms.amountMinor, currency, chargeCard, request, gateway.connector.name);
  await tx.$executeRaw(insertTransactionSql({ ...pending, checkoutId: options.checkoutId ?? null }, new Date()));
  return { merchantId, type: terms.type, pgId, amountMinor: terms.amountMinor, currency, card: chargeCard, request, gateway };
}

/**
 * The connector's call, between the two writes. Null when the connector did
 * not answer (ConnectorUnreachable): the row stays unknown, to be
 * reconciled, and only the audit row is written.
 */
export async function callTypedCharge(actor: Actor, charge: TypedCharge): Promise<ConnectorAnswer | null> {
  const { gateway, type, pgId, amountMinor, currency, card, request } = charge;
  try {
    return await gateway.connector[CALL[type]](cardRequest(pgId, amountMinor, currency, card, request));
  } catch (error) {
    if (!(error instanceof ConnectorUnreachable)) throw error;
    await directWriteAtomically([auditRowsSql(actor, [{ action: `transaction.${type}`, type: "transaction", id: pgId }])]);
    return null;
  }
}

/**
 * Step 2, inside the caller's transaction: the outcome over the unknown row,
 * its audit row and its event. `stored`: the card the approved charge was
 * kept as (a vault card, a card token), named on the transaction.
 */
export async function recordTypedOutcome(
  tx: Tx,
  actor: Actor,
  charge: TypedCharge,
  answer: ConnectorAnswer,
  stored: { cardId: string; customerId: string | null } | null,
): Promise<void> {
  const { merchantId, type, pgId, amountMinor, currency, card, request, gateway } = charge;
  const outcome = outcomeOf(type, answer, gateway.now(), gateway.connector);
  await tx.$executeRaw(recordOutcomeSql(pgId, { ...outcome, ...(stored ?? {}) }, new Date()));
  await recordAudit(tx, actor, `transaction.${type}`, { type: "transaction", id: pgId });
  const written = { ...newTransaction(merchantId, type, pgId, amountMinor, currency, card, request, gateway.connector.name), ...outcome, ...(stored ?? {}) };
  // What the transaction API shows: the amount approved, or the amount asked when it was not.
  const amount = toMajorUnits(answer.approved ? answer.approvedMinor : amountMinor, currency);
  await recordEvent(
    tx,
    merchantId,
    answer.approved ? "transaction_approved" : "transaction_declined",
    transactionEventData({ ...written, amount, originalPgId: null }),
  );
}

/** The charge's details as the gateway API would have them: the form's references, its CVV and billing address. */
function requestOf(terms: TypedChargeTerms, input: AddBillingCardInput): PgTransactionRequest {
  return {
    merchant_id: 0,
    cvv2: input.cvv2,
    avs_zip: input.billing_zip,
    avs_address: input.billing_addr1 ?? undefined,
    merch_ref_num: terms.merchRefNum ?? undefined,
    purchase_id: terms.purchaseId ?? undefined,
  };
}

/** The charge's card as the payment code sees it: the number typed, and the customer it will belong to. */
function asChargeCard(card: PreparedCard, digits: string, customer: { customerId: string | null; customerPk: number | null }): ChargeCard {
  return {
    cardId: null,
    customerId: customer.customerId,
    customerPk: customer.customerPk,
    maskedNumber: card.maskedNumber,
    cardType: card.cardType,
    expDate: card.expDate,
    fingerprint: card.fingerprint,
    openNumber: () => digits,
  };
}
