import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError } from "../../errors/api-error";
import { merchantToday } from "../merchant-today";
import { answerFor, lockSubscriptionOrThrow } from "./get-subscription-or-throw";
import { assertSubscriber } from "./subscriber-check";
import { subscriptionSelect } from "./subscription-rows";
import type { SubscriberBody, SubscriptionResponse } from "./schemas";

/**
 * POST /subscription/{id}/pause: an active subscription (A) stops being
 * charged (P) from today; nothing is due until it is resumed, and resuming
 * skips the cycles it missed (./resume-subscription.ts). Any other status is
 * a 409.
 */
export async function pauseSubscription(actor: Actor, subscriptionId: number, body: SubscriberBody): Promise<SubscriptionResponse> {
  const today = await merchantToday(actor.merchantId);
  return writeTransaction(async (tx) => {
    const current = await lockSubscriptionOrThrow(tx, actor.merchantId, subscriptionId);
    assertSubscriber(current, body.customer_id);
    if (current.status !== "A") throw new ApiError("conflict", `Only an active subscription can be paused; this one's status is ${current.status}`);
    const paused = await tx.billingSubscription.update({
      where: { id: current.id },
      data: { status: "P", statusDay: today, dueDay: null },
      select: subscriptionSelect,
    });
    await recordAudit(tx, actor, "subscription.pause", { type: "subscription", id: String(current.id) });
    return answerFor(tx, paused);
  });
}
