import "#server-only";
import { getDb } from "../db/client";
import { notFound } from "../errors/api-error";
import { checkoutSelect, checkoutToResponse } from "./checkout-row";
import type { CheckoutResponse } from "./schemas";

/** The merchant's checkout link and its state; another merchant's id is unknown here. */
export async function getCheckout(merchantId: bigint, checkoutId: string): Promise<CheckoutResponse> {
  const row = await getDb().checkout.findFirst({ where: { id: checkoutId, merchantId }, select: checkoutSelect });
  if (!row) throw notFound("Checkout");
  return checkoutToResponse(row);
}
