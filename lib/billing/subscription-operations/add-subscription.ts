import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { getDb } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError, type FieldErrors } from "../../errors/api-error";
import { UNKNOWN_OUTCOME } from "../../payments/pg-answers";
import { merchantToday } from "../merchant-today";
import { chargeSetupFee } from "../run/charge-setup-fee";
import { cancelSubscriptions } from "../subscriptions/cancel-subscriptions";
import { firstCursor } from "../subscriptions/subscription-cursor";
import { answerFor, getSubscriptionOrThrow } from "./get-subscription-or-throw";
import { newSubscriptionTerms } from "./new-subscription-terms";
import { resolveSubscriber, subscriberProblems } from "./subscriber";
import { subscriptionSelect, type SubscriptionRow } from "./subscription-rows";
import type { AddSubscriptionInput, SubscriptionResponse } from "./schemas";

/**
 * POST /subscription: a new active subscription, on a plan or off-plan, for
 * an existing customer or one created with it, in one transaction; its
 * cursor is its first charge (../subscriptions/subscription-cursor.ts).
 * Every refused field is named in one 400, and nothing is written. Then its
 * setup fee, if it has one, is charged (below), and the answer carries the
 * gateway's response.
 */
export async function addSubscription(actor: Actor, input: AddSubscriptionInput): Promise<SubscriptionResponse> {
  // The merchant's day, read before the transaction (on its own connection).
  const today = await merchantToday(actor.merchantId);
  const row = await writeTransaction(async (tx) => {
    const errors: FieldErrors = {};
    subscriberProblems(input, errors);
    const terms = await newSubscriptionTerms(tx, actor.merchantId, input, today, errors);
    if (!terms || Object.keys(errors).length > 0) throw new ApiError("validation", "Request validation failed", errors);
    const subscriber = await resolveSubscriber(tx, actor, input);
    const cursor = firstCursor(terms);
    const created = await tx.billingSubscription.create({
      data: { merchantId: actor.merchantId, ...subscriber, status: "A", ...terms, nextSeq: cursor.nextSeq, dueDay: cursor.dueDay },
      select: subscriptionSelect,
    });
    await recordAudit(tx, actor, "subscription.create", { type: "subscription", id: String(created.id) });
    return created;
  });
  if (row.setupMinor === 0n || input.amt_setup_ignore === true) return answerFor(getDb(), row);
  return chargeTheSetupFee(actor, row, input.cancel_on_setup_fail === true, today);
}

/**
 * The setup fee is charged once the subscription is committed (the charge
 * goes through the billing run's ledger: ../run/charge-setup-fee.ts). A
 * decline leaves the subscription active, unless cancel_on_setup_fail: then
 * it is cancelled, with its event. An outcome the gateway did not tell is
 * not a decline: the subscription stays, and the run reconciles the charge.
 */
async function chargeTheSetupFee(actor: Actor, row: SubscriptionRow, cancelOnFail: boolean, today: number): Promise<SubscriptionResponse> {
  const outcome = await chargeSetupFee(actor, row.id);
  const declined = !outcome.approved && outcome.response.rcode !== UNKNOWN_OUTCOME.rcode;
  if (!declined || !cancelOnFail) return answerFor(getDb(), await getSubscriptionOrThrow(getDb(), actor.merchantId, row.id), outcome.response);
  const cancelled = await writeTransaction(async (tx) => {
    await cancelSubscriptions(tx, actor, { ids: [row.id] }, today);
    return getSubscriptionOrThrow(tx, actor.merchantId, row.id);
  });
  return answerFor(getDb(), cancelled, outcome.response);
}
