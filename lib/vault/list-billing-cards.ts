import "#server-only";
import { getDb } from "../db/client";
import { getCustomerWithChildrenOrThrow } from "./customer-query";
import { cardToResponse } from "./to-response";
import type { BillingCardResponse } from "./schemas";

/** The customer's cards, masked, oldest first. */
export async function listBillingCards(merchantId: bigint, customerId: string): Promise<{ billing_cards: BillingCardResponse[] }> {
  const customer = await getCustomerWithChildrenOrThrow(getDb(), merchantId, customerId);
  return { billing_cards: customer.cards.map(cardToResponse) };
}
