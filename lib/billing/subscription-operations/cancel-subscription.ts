import "#server-only";
import type { Actor } from "../../audit/record-audit";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError } from "../../errors/api-error";
import { merchantToday } from "../merchant-today";
import { cancelSubscriptions } from "../subscriptions/cancel-subscriptions";
import { answerFor, getSubscriptionOrThrow, lockSubscriptionOrThrow } from "./get-subscription-or-throw";
import { assertSubscriber } from "./subscriber-check";
import type { SubscriberBody, SubscriptionResponse } from "./schemas";

/**
 * POST /subscription/{id}/cancel: an active, paused or suspended
 * subscription is cancelled (C) for good, with its subscription_cancelled
 * event (../subscriptions/cancel-subscriptions.ts). A cancelled or complete
 * one is a 409.
 */
export async function cancelSubscription(actor: Actor, subscriptionId: number, body: SubscriberBody): Promise<SubscriptionResponse> {
  const today = await merchantToday(actor.merchantId);
  return writeTransaction(async (tx) => {
    const current = await lockSubscriptionOrThrow(tx, actor.merchantId, subscriptionId);
    assertSubscriber(current, body.customer_id);
    const cancelled = await cancelSubscriptions(tx, actor, { ids: [current.id] }, today);
    if (cancelled.length === 0)
      throw new ApiError("conflict", `A cancelled or complete subscription cannot be cancelled; this one's status is ${current.status}`);
    return answerFor(tx, await getSubscriptionOrThrow(tx, actor.merchantId, current.id));
  });
}
