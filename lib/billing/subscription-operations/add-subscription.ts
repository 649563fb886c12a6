import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { getDb } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError, type FieldErrors } from "../../errors/api-error";
import { merchantToday } from "../merchant-today";
import { firstCursor } from "../subscriptions/subscription-cursor";
import { answerFor } from "./get-subscription-or-throw";
import { newSubscriptionTerms } from "./new-subscription-terms";
import { resolveSubscriber, subscriberProblems } from "./subscriber";
import { subscriptionSelect } from "./subscription-rows";
import type { AddSubscriptionInput, SubscriptionResponse } from "./schemas";

/**
 * POST /subscription: a new active subscription, on a plan or off-plan, for
 * an existing customer or one created with it, in one transaction; its
 * cursor is its first charge (../subscriptions/subscription-cursor.ts).
 * Every refused field is named in one 400, and nothing is written.
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
  return answerFor(getDb(), row);
}
