import "#server-only";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getDb, type Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import type { FieldErrors } from "../errors/api-error";
import { cardEventData } from "../events/event-data";
import { recordEvent } from "../events/record-event";
import { majorUnitsIn } from "../payments/amount";
import { declineInWords } from "../payments/decline-words";
import type { MessageId } from "../i18n/messages";
import { callTypedCharge, recordTypedOutcome, reserveTypedCharge, typedDigits, type TypedCharge } from "../payments/typed-card-charge";
import { insertCustomerCard } from "../vault/insert-card-rows";
import { prepareCard, type PreparedCard } from "../vault/prepare-card";
import type { AddBillingCardInput } from "../vault/schemas";
import { addressRetryAfterSeconds, recordAddressFailure } from "./address-limit";
import { countFailure, spentBy, type CaptureFrom, type UnusableReason } from "./capture-card";
import { readCheckoutForCapture, type CheckoutForCapture } from "./capture-reads";
import { checkoutState, isPaymentLink } from "./checkout-row";
import { formTokenHash } from "./checkout-session";
import { failureRedirect, successRedirect } from "./signed-redirects";

// A payment link's submit (docs/payments.md, "Payment links"): the card
// typed on the hosted page is charged through the merchant's connector, and
// stored on the link's customer once the charge is approved. Two writes
// around the connector's call, as every charge that can leave the process
// (the steps shared with the embedded form: lib/payments/typed-card-charge.ts):
//
// 1. With the link's row locked: the link's state, the address limit and the
//    card are checked as a card-capture submit checks them, then the link is
//    set "pending" and the transaction recorded as "outcome unknown". A second
//    submit, even from another browser, finds the link pending and charges
//    nothing.
// 2. The outcome. Approved: the card is stored (or the customer's existing
//    card with that number is named), the link spent, the transaction and its
//    events written. Declined: nothing is stored, the link is open again with
//    one more failed attempt (locked at the limit), and the page says why in
//    plain words. Not known (the connector did not answer): the link stays
//    pending and the transaction unknown, to be reconciled; never charged twice.

export type PaymentResult =
  /** Paid; the browser goes to redirectUrl (null: the link has no success_url). */
  | { kind: "paid"; redirectUrl: string | null }
  /** Nothing charged; the form shows the errors. */
  | { kind: "invalid"; errors: FieldErrors; attemptsLeft: number }
  /** Declined by the card's bank: nothing stored; the form says why. */
  | { kind: "declined"; message: MessageId; attemptsLeft: number }
  /** Nothing charged now; the browser goes to redirectUrl (the failure_url), or a page saying why. "pending": the outcome of a payment on it is not known. */
  | { kind: "unusable"; reason: UnusableReason | "pending"; redirectUrl: string | null }
  | { kind: "throttled"; retryAfterSeconds: number };

type Unusable = { kind: "unusable"; reason: UnusableReason | "pending"; checkout: CheckoutForCapture | null };
type Reserved = { kind: "reserved"; checkout: CheckoutForCapture; card: PreparedCard; charge: TypedCharge };
type Reservation =
  | Reserved
  | Unusable
  | { kind: "replay"; checkout: CheckoutForCapture }
  | { kind: "invalid"; errors: FieldErrors; attemptsLeft: number }
  | { kind: "throttled"; retryAfterSeconds: number };

export async function payCheckout(checkoutId: string, input: AddBillingCardInput, from: CaptureFrom, rejected?: FieldErrors): Promise<PaymentResult> {
  const { formToken, ...origin } = from;
  const session = formToken ? formTokenHash(formToken) : null;
  const reservation = await writeTransaction((tx) => reserve(tx, checkoutId, input, origin, session, rejected));
  if (reservation.kind === "replay") return { kind: "paid", redirectUrl: await paidLinkRedirect(reservation.checkout) };
  if (reservation.kind === "unusable") return unusable(reservation);
  if (reservation.kind !== "reserved") return reservation;

  const { checkout, card, charge } = reservation;
  const actor: Actor = { merchantId: checkout.merchantId, actor: `checkout:${checkout.id}`, ...origin };
  const answer = await callTypedCharge(actor, charge);
  // Not known: the link stays pending and the transaction unknown, to be reconciled.
  if (!answer) return { kind: "unusable", reason: "pending", redirectUrl: null };

  const settled = await writeTransaction(async (tx) => {
    const cardId = answer.approved ? await storeCard(tx, actor, checkout, card) : null;
    await recordTypedOutcome(tx, actor, charge, answer, cardId ? { cardId, customerId: checkout.customerId } : null);
    // A decline is a failed attempt, against the link and the address (countFailure counts both).
    if (!cardId) return countFailure(tx, actor, checkout, {});
    await tx.checkout.update({ where: { id: checkout.id }, data: { state: "spent", spentAt: new Date(), resultCardId: cardId, spentBySession: session } });
    return { kind: "stored" as const, cardId };
  });
  if (settled.kind === "stored") return paid({ ...checkout, resultCardId: settled.cardId }, { pgId: charge.pgId, approvedMinor: answer.approvedMinor });
  if (settled.kind === "unusable") return unusable({ kind: "unusable", reason: settled.reason, checkout });
  return { kind: "declined", message: declineInWords(answer.rcode), attemptsLeft: settled.attemptsLeft };
}

/** Step 1, with the link's row locked. */
async function reserve(
  tx: Tx,
  checkoutId: string,
  input: AddBillingCardInput,
  origin: Omit<CaptureFrom, "formToken">,
  session: string | null,
  rejected?: FieldErrors,
): Promise<Reservation> {
  const checkout = await readCheckoutForCapture(tx, checkoutId, true);
  if (!checkout || !isPaymentLink(checkout)) return { kind: "unusable", reason: "unknown", checkout: null };
  const state = checkoutState(checkout);
  // The session that paid posts again (a double click, a refresh): its first answer again.
  if (state === "spent" && spentBy(checkout, session)) return { kind: "replay", checkout };
  const retryAfterSeconds = await addressRetryAfterSeconds(tx, origin.clientAddress);
  if (retryAfterSeconds > 0) return { kind: "throttled", retryAfterSeconds };
  if (state !== "open") {
    // Nothing submitted is looked at; the post still counts against the address.
    await recordAddressFailure(tx, origin.clientAddress);
    return { kind: "unusable", reason: state, checkout };
  }
  const actor: Actor = { merchantId: checkout.merchantId, actor: `checkout:${checkout.id}`, ...origin };
  const errors: FieldErrors = { ...rejected };
  const card = rejected ? null : prepareCard(input, checkout.merchantId, "", errors);
  const digits = typedDigits(input);
  if (!card || !digits) {
    const failed = await countFailure(tx, actor, checkout, errors);
    return failed.kind === "unusable" ? { kind: "unusable", reason: failed.reason, checkout } : failed;
  }
  const charge = await reserveTypedCharge(tx, {
    merchantId: checkout.merchantId,
    terms: {
      type: checkout.requestType === "auth" ? "auth" : "sale",
      amountMinor: Number(checkout.amountMinor),
      currencyNumber: checkout.currency,
      merchRefNum: checkout.merchRefNum,
      purchaseId: checkout.purchaseId,
    },
    card,
    digits,
    input,
    customer: { customerId: checkout.customerId, customerPk: checkout.customerPk },
    checkoutId: checkout.id,
  });
  await tx.checkout.update({ where: { id: checkout.id }, data: { state: "pending" } });
  return { kind: "reserved", checkout, card, charge };
}

/** The card on the link's customer: a new card, or the card the customer already has with that number. */
async function storeCard(tx: Tx, actor: Actor, checkout: CheckoutForCapture, card: PreparedCard): Promise<string> {
  const existing = await tx.card.findFirst({ where: { customerPk: checkout.customerPk, fingerprint: card.fingerprint }, select: { id: true } });
  if (existing) return existing.id;
  await insertCustomerCard(tx, checkout.customerPk, card);
  await recordAudit(tx, actor, "card.create", { type: "card", id: card.id });
  await recordEvent(tx, checkout.merchantId, "checkout_vault_card_added", { checkout_id: checkout.id, ...cardEventData(checkout.customerId, card) });
  return card.id;
}

/** The approved payment that spent a link. */
async function paymentOf(checkoutId: string): Promise<{ pgId: string; approvedMinor: number } | null> {
  const row = await getDb().transaction.findFirst({ where: { checkoutId, status: { in: ["A", "C"] } }, select: { pgId: true, approvedMinor: true } });
  return row ? { pgId: row.pgId, approvedMinor: Number(row.approvedMinor) } : null;
}

/** A paid link's success redirect, signed now, for the session that paid it: its re-post, or its way back from the done page. */
export async function paidLinkRedirect(checkout: CheckoutForCapture): Promise<string | null> {
  return (await paid(checkout, await paymentOf(checkout.id))).redirectUrl;
}

/** A paid link's redirect: success_url with the card, the payment's pg_id and amount, signed. */
async function paid(checkout: CheckoutForCapture, payment: { pgId: string; approvedMinor: number } | null): Promise<Extract<PaymentResult, { kind: "paid" }>> {
  const { successUrl, resultCardId } = checkout;
  if (!successUrl) return { kind: "paid", redirectUrl: null };
  const added: Record<string, string> = payment ? { pg_id: payment.pgId, amt_tran: String(majorUnitsIn(payment.approvedMinor, checkout.currency)) } : {};
  return { kind: "paid", redirectUrl: await successRedirect({ ...checkout, successUrl }, resultCardId ?? "", added) };
}

async function unusable(result: Unusable): Promise<PaymentResult> {
  const failureUrl = result.checkout?.failureUrl;
  const redirectUrl = result.checkout && failureUrl ? await failureRedirect({ ...result.checkout, failureUrl }, result.reason) : null;
  return { kind: "unusable", reason: result.reason, redirectUrl };
}
