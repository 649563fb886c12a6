import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { writeTransaction } from "../../db/write-transaction";
import { notFound } from "../../errors/api-error";
import { getSubscriptionOrThrow } from "./get-subscription-or-throw";

/** POST /subscription/{id}/labels/delete: removes the label with this name; a name the subscription does not have is a 404. */
export async function deleteLabel(actor: Actor, subscriptionId: number, name: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const subscription = await getSubscriptionOrThrow(tx, actor.merchantId, subscriptionId);
    const deleted = await tx.billingSubscriptionLabel.deleteMany({ where: { subscriptionId: subscription.id, name } });
    if (deleted.count === 0) throw notFound("Label");
    await recordAudit(tx, actor, "subscription.label.delete", { type: "subscription", id: String(subscription.id) });
  });
}
