import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { isUniqueViolation } from "../../db/unique-violation";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError } from "../../errors/api-error";
import { getSubscriptionOrThrow } from "./get-subscription-or-throw";
import { labelSelect, labelToResponse } from "./label-rows";
import type { LabelBody, LabelResponse } from "./schemas";

/** POST /subscription/{id}/labels/add: a new label; a name the subscription already has is a 409 (labels/edit changes it). */
export async function addLabel(actor: Actor, subscriptionId: number, body: LabelBody): Promise<LabelResponse[]> {
  try {
    return await writeTransaction(async (tx) => {
      const subscription = await getSubscriptionOrThrow(tx, actor.merchantId, subscriptionId);
      const label = await tx.billingSubscriptionLabel.create({ data: { subscriptionId: subscription.id, ...body }, select: labelSelect });
      await recordAudit(tx, actor, "subscription.label.add", { type: "subscription", id: String(subscription.id) });
      return [labelToResponse(label)];
    });
  } catch (error) {
    // The unique index on (subscription, name) decides, also when two adds race.
    if (isUniqueViolation(error)) throw new ApiError("conflict", `The subscription already has a label named ${JSON.stringify(body.name)}`);
    throw error;
  }
}
