import "#server-only";
import { randomHexId } from "../../crypto/random-id";
import type { ChargeCard } from "../../payments/charge-card-source";
import { currencyOf, type Currency } from "../../payments/currency";
import { newTransaction } from "../../payments/charge-card";
import type { NewTransaction } from "../../payments/transaction-rows";
import type { CardRequest } from "../../gateway/connector";

// One charge of a subscription as the run plans it before writing anything:
// which cycle (seq; -1 the setup fee), which attempt (the ledger's key with
// the subscription and the cycle), the amount, the card, and the pg_id the
// ledger row and its transaction share.

export type ChargeKind = "setup" | "prorate" | "trial" | "recurring";

/** The ledger's number for a subscription's setup fee. */
export const SETUP_SEQ = -1;

export type BillingCharge = {
  merchantId: bigint;
  subscriptionId: number;
  seq: number;
  attempt: number;
  kind: ChargeKind;
  cycleDay: number;
  amountMinor: number;
  currency: Currency;
  pgId: string;
  merchRefNum: string;
  purchaseId: string | null;
  card: ChargeCard;
};

/**
 * The charge's merch_ref_num names the subscription, the cycle and the
 * attempt, so an upstream gateway can recognise (and deduplicate) it, and a
 * lookup finds it when its outcome was never recorded.
 */
export function merchRefNumOf(subscriptionId: number, seq: number, attempt: number): string {
  return `sub-${subscriptionId}-${seq === SETUP_SEQ ? "setup" : `cycle-${seq}`}-try-${attempt}`;
}

export function newBillingCharge(fields: Omit<BillingCharge, "pgId" | "merchRefNum" | "currency"> & { currency: number }): BillingCharge {
  const currency = currencyOf(fields.currency);
  if (!currency) throw new Error(`subscription ${fields.subscriptionId} bills in currency ${fields.currency}, which cannot be charged`);
  return { ...fields, currency, pgId: randomHexId(), merchRefNum: merchRefNumOf(fields.subscriptionId, fields.seq, fields.attempt) };
}

/** The transaction row written with the ledger row, its outcome unknown until the connector answers. */
export function pendingTransaction(charge: BillingCharge, connector: string): NewTransaction {
  const request = { merchant_id: 0, merch_ref_num: charge.merchRefNum, purchase_id: charge.purchaseId ?? undefined };
  return {
    ...newTransaction(charge.merchantId, "sale", charge.pgId, charge.amountMinor, charge.currency, charge.card, request, connector),
    subscriptionId: charge.subscriptionId,
  };
}

/** What the connector is asked: a recurring sale (moto_ecomm_ind 2), the number opened only inside its call. */
export function billingCardRequest(charge: BillingCharge): CardRequest {
  const { card } = charge;
  return {
    pgId: charge.pgId,
    amountMinor: charge.amountMinor,
    currency: charge.currency.number,
    exponent: charge.currency.exponent,
    partialAuth: false,
    merchRefNum: charge.merchRefNum,
    purchaseId: charge.purchaseId ?? undefined,
    motoEcommInd: "2",
    card: {
      maskedNumber: card.maskedNumber,
      expDate: card.expDate,
      cardType: card.cardType,
      withNumber: (use) => use(card.openNumber()),
    },
  };
}
