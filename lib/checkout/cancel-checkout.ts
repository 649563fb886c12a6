import "#server-only";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, notFound } from "../errors/api-error";
import { checkoutSelect, checkoutToResponse, linkState } from "./checkout-row";
import type { CheckoutResponse } from "./schemas";

/**
 * Cancels an open link of the merchant's (the portal's Cancel): its state
 * becomes "cancelled" and its expiry this moment, so its page and every
 * submit, including the hosted page's direct store, refuse it as they refuse
 * an expired link (docs/decisions/018-cancelled-links.md). Only an open link
 * can be cancelled: the state is re-checked in the update, so a submit that
 * spent or locked the link first wins, and the cancel is a 409.
 */
export async function cancelCheckout(actor: Actor, checkoutId: string): Promise<CheckoutResponse> {
  const cancelled = await writeTransaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.checkout.updateMany({
      where: { id: checkoutId, merchantId: actor.merchantId, state: "open", expiresAt: { gt: now } },
      data: { state: "cancelled", expiresAt: now },
    });
    if (count === 1) await recordAudit(tx, actor, "checkout.cancel", { type: "checkout", id: checkoutId });
    return count === 1;
  });
  const row = await getDb().checkout.findFirst({ where: { id: checkoutId, merchantId: actor.merchantId }, select: checkoutSelect });
  if (!row) throw notFound("Checkout");
  if (!cancelled) throw new ApiError("conflict", `This link is ${linkState(row)}: only an open link can be cancelled.`);
  return checkoutToResponse(row);
}
