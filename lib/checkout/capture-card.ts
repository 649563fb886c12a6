import "#server-only";
import { cardEventData } from "../events/event-data";
import { constantTimeEqual } from "../crypto/constant-time-equal";
import { type Tx } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import type { FieldErrors } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import { recordEvent } from "../events/record-event";
import { prepareCard, type PreparedCard } from "../vault/prepare-card";
import { insertCustomerCard } from "../vault/insert-card-rows";
import type { AddBillingCardInput } from "../vault/schemas";
import { addressRetryAfterSeconds, recordAddressFailure } from "./address-limit";
import { checkoutState, isPaymentLink } from "./checkout-row";
import { formTokenHash } from "./checkout-session";
import { otherCardWithNumber, readCheckoutForCapture, type CheckoutForCapture } from "./capture-reads";
import { storeCardDirectly } from "./store-card-directly";
import { failureRedirect, successRedirect } from "./signed-redirects";
import type { CheckoutState } from "./schemas";

/** A link locks after this many failed submissions (README: attempt limits). */
export const CHECKOUT_MAX_FAILED_ATTEMPTS = 5;

export type UnusableReason = Exclude<CheckoutState, "open"> | "unknown";

export type CaptureResult =
  /** Stored; the browser goes to redirectUrl (null: the link has no success_url). */
  | { kind: "stored"; cardId: string; redirectUrl: string | null }
  /** Nothing stored; the form shows the errors. */
  | { kind: "invalid"; errors: FieldErrors; attemptsLeft: number }
  /** Nothing stored; the browser goes to redirectUrl (the failure_url), or an error page. */
  | { kind: "unusable"; reason: UnusableReason; redirectUrl: string | null }
  /** Nothing looked at: this client address failed too often lately (lib/checkout/address-limit.ts). */
  | { kind: "throttled"; retryAfterSeconds: number };

export type CaptureFrom = {
  clientAddress?: string | null;
  requestId?: string | null;
  /** The page session's form token: the session that spends the link is recorded by its hash. */
  formToken?: string | null;
};

/**
 * The hosted page's submit: validates the card, stores it (or replaces the
 * number of the card the link updates), spends the link and records the
 * event, all in one transaction. Failed submissions count against the link
 * and lock it at the limit; an address that failed too often lately is
 * refused on every link. A post to a spent, expired or locked link is never
 * compared with anything: it gets the one answer for the link's state and
 * counts against the address, so the link cannot confirm a guessed number.
 * The exception is the session that spent the link (a double click, a
 * refresh): it gets the first answer again and stores nothing. It is known
 * by its form token, never by its card.
 *
 * The common case (a valid new card for an open link) is tried first
 * straight on the driver (store-card-directly.ts); whatever that path does
 * not store goes through captureInTransaction. Either way the answer is
 * made below, from the same outcome.
 */
export async function captureCard(
  checkoutId: string,
  input: AddBillingCardInput,
  from: CaptureFrom,
  /** Problems the form already found in the card fields: count the attempt, store nothing. */
  rejected?: FieldErrors,
): Promise<CaptureResult> {
  const { formToken, ...origin } = from;
  const session = formToken ? formTokenHash(formToken) : null;
  const direct = rejected ? null : await storeCardDirectly(checkoutId, input, origin, session);
  const outcome = direct ?? (await captureInTransaction(checkoutId, input, origin, session, rejected));
  if (outcome.kind === "unknown") return { kind: "unusable", reason: "unknown", redirectUrl: null };
  if (outcome.kind === "throttled") return outcome;
  const { checkout } = outcome;
  if (outcome.kind === "invalid") return { kind: "invalid", errors: outcome.errors, attemptsLeft: outcome.attemptsLeft };
  if (outcome.kind === "unusable") {
    const failureUrl = checkout.failureUrl;
    const redirectUrl = failureUrl ? await failureRedirect({ ...checkout, failureUrl }, outcome.reason) : null;
    return { kind: "unusable", reason: outcome.reason, redirectUrl };
  }
  const successUrl = checkout.successUrl;
  const redirectUrl = successUrl ? await successRedirect({ ...checkout, successUrl }, outcome.cardId) : null;
  return { kind: "stored", cardId: outcome.cardId, redirectUrl };
}

/** Every case of a submit, in one transaction with the link's row locked. */
function captureInTransaction(
  checkoutId: string,
  input: AddBillingCardInput,
  origin: Omit<CaptureFrom, "formToken">,
  session: string | null,
  rejected?: FieldErrors,
) {
  return writeTransaction(async (tx) => {
    const checkout = await readCheckoutForCapture(tx, checkoutId, true);
    // A payment link is paid, never captured (pay-checkout.ts).
    if (!checkout || isPaymentLink(checkout)) return { kind: "unknown" as const };
    const state = checkoutState(checkout);
    // Two posts of one session race on a double click: the second waits on
    // the row lock above and then finds the link spent by its own session.
    if (state === "spent" && spentBy(checkout, session)) {
      return { checkout, cardId: checkout.resultCardId as string, kind: "stored" as const };
    }
    const retryAfterSeconds = await addressRetryAfterSeconds(tx, origin.clientAddress);
    if (retryAfterSeconds > 0) return { kind: "throttled" as const, retryAfterSeconds };
    if (state !== "open") {
      // Nothing submitted is looked at; the post still counts, so an
      // address cannot probe used links without limit.
      await recordAddressFailure(tx, origin.clientAddress);
      return { checkout, reason: state, kind: "unusable" as const };
    }
    const actor: Actor = { merchantId: checkout.merchantId, actor: `checkout:${checkout.id}`, ...origin };
    const errors: FieldErrors = { ...rejected };
    // An update link re-seals under the card's own id. If that card was
    // deleted since, the number is stored as a new card with a fresh id
    // (a deleted card_id stays dead).
    const target = checkout.cardId ? await tx.card.findFirst({ where: { id: checkout.cardId, customerPk: checkout.customerPk }, select: { id: true } }) : null;
    const card = rejected ? null : prepareCard(input, checkout.merchantId, "", errors, new Date(), target?.id);
    if (!card) return countFailure(tx, actor, checkout, errors);
    // A number the customer already has on another card is a success, not a
    // dead end: the merchant asked for a card on file, and it is. The link is
    // spent with that card's card_id, which the redirect carries. Checked
    // first because a failed INSERT would abort the transaction on
    // PostgreSQL; the unique index still guards against a race.
    const onFile = await otherCardWithNumber(tx, checkout.customerPk, card);
    const cardId = onFile === null ? await storeCard(tx, actor, checkout, card, target !== null) : await cardOnFile(tx, actor, checkout, onFile);
    await tx.checkout.update({ where: { id: checkout.id }, data: { state: "spent", spentAt: new Date(), resultCardId: cardId, spentBySession: session } });
    return { checkout, cardId, kind: "stored" as const };
  });
}

function attemptsLeft(checkout: Pick<CheckoutForCapture, "failedAttempts">): number {
  return Math.max(0, CHECKOUT_MAX_FAILED_ATTEMPTS - checkout.failedAttempts);
}

/** A failed submission: counted against the address and the link, which locks at the limit. */
export async function countFailure(tx: Tx, actor: Actor, checkout: CheckoutForCapture, errors: FieldErrors) {
  await recordAddressFailure(tx, actor.clientAddress);
  const failedAttempts = checkout.failedAttempts + 1;
  const locks = failedAttempts >= CHECKOUT_MAX_FAILED_ATTEMPTS;
  await tx.checkout.update({
    where: { id: checkout.id },
    // "open" again: a payment link was pending while its card was charged (pay-checkout.ts).
    data: { failedAttempts, ...(locks ? { state: "locked", lockedAt: new Date() } : { state: "open" }) },
  });
  if (locks) {
    await recordAudit(tx, actor, "checkout.lock", { type: "checkout", id: checkout.id });
    return { checkout, reason: "locked" as const, kind: "unusable" as const };
  }
  return { checkout, kind: "invalid" as const, errors, attemptsLeft: attemptsLeft({ failedAttempts }) };
}

/** Whether the session that spent the link is this one (a double submit). */
export function spentBy(checkout: Pick<CheckoutForCapture, "spentBySession" | "resultCardId">, session: string | null): boolean {
  if (!session || !checkout.spentBySession || !checkout.resultCardId) return false;
  return constantTimeEqual(checkout.spentBySession, session);
}

/** Whether the link is spent, by the page session holding this form token: the done page and its way back are for that session alone. */
export function spentByFormToken(checkout: Pick<CheckoutForCapture, "state" | "spentBySession" | "resultCardId">, formToken: string | null): boolean {
  return checkout.state === "spent" && formToken !== null && spentBy(checkout, formTokenHash(formToken));
}

/**
 * The card the customer already had: nothing is stored or re-sealed, and
 * the merchant hears of it as of any card the link collected
 * (checkout_vault_card_added, naming that card), with an audit row.
 */
async function cardOnFile(tx: Tx, actor: Actor, checkout: CheckoutForCapture, cardId: string): Promise<string> {
  const card = await tx.card.findUniqueOrThrow({ where: { id: cardId }, select: { id: true, maskedNumber: true, cardType: true, expDate: true } });
  await recordAudit(tx, actor, "checkout.card_on_file", { type: "card", id: cardId });
  await recordEvent(tx, checkout.merchantId, "checkout_vault_card_added", { checkout_id: checkout.id, ...cardEventData(checkout.customerId, card) });
  return cardId;
}

async function storeCard(tx: Tx, actor: Actor, checkout: CheckoutForCapture, card: PreparedCard, replaces: boolean): Promise<string> {
  const data = { checkout_id: checkout.id, ...cardEventData(checkout.customerId, card) };
  if (replaces) {
    const { id, merchantId: _merchantId, ...columns } = card;
    // A number the cardholder typed is the card's own again: no longer an Account Updater duplicate of another card.
    await tx.card.update({ where: { id }, data: { ...columns, replacedBy: null } });
    await recordAudit(tx, actor, "card.update", { type: "card", id });
    await recordEvent(tx, checkout.merchantId, "checkout_vault_card_updated", data);
    return id;
  }
  await insertCustomerCard(tx, checkout.customerPk, card);
  await recordAudit(tx, actor, "card.create", { type: "card", id: card.id });
  await recordEvent(tx, checkout.merchantId, "checkout_vault_card_added", data);
  return card.id;
}
