import "#server-only";
import { getDb } from "../db/client";
import { getCustomerWithChildrenOrThrow } from "./customer-query";
import { shippingToResponse } from "./to-response";
import type { ShippingAddressResponse } from "./schemas";

/** The customer's shipping addresses, oldest first. */
export async function listShippingAddresses(merchantId: bigint, customerId: string): Promise<{ shipping_addresses: ShippingAddressResponse[] }> {
  const customer = await getCustomerWithChildrenOrThrow(getDb(), merchantId, customerId);
  return { shipping_addresses: customer.shippingAddresses.map(shippingToResponse) };
}
