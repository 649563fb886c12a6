import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { writeTransaction } from "../../db/write-transaction";
import { notFound } from "../../errors/api-error";
import { getSubscriptionOrThrow } from "./get-subscription-or-throw";
import { labelSelect, labelToResponse } from "./label-rows";
import type { LabelBody, LabelResponse } from "./schemas";

/** POST /subscription/{id}/labels/edit: the value of the label with this name; a name the subscription does not have is a 404. */
export async function editLabel(actor: Actor, subscriptionId: number, body: LabelBody): Promise<LabelResponse[]> {
  return writeTransaction(async (tx) => {
    const subscription = await getSubscriptionOrThrow(tx, actor.merchantId, subscriptionId);
    const edited = await tx.billingSubscriptionLabel.updateMany({ where: { subscriptionId: subscription.id, name: body.name }, data: { value: body.value } });
    if (edited.count === 0) throw notFound("Label");
    await recordAudit(tx, actor, "subscription.label.edit", { type: "subscription", id: String(subscription.id) });
    const label = await tx.billingSubscriptionLabel.findUniqueOrThrow({
      where: { subscriptionId_name: { subscriptionId: subscription.id, name: body.name } },
      select: labelSelect,
    });
    return [labelToResponse(label)];
  });
}
