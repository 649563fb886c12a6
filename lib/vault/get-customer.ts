import "#server-only";
import { getDb } from "../db/client";
import { getCustomerWithChildrenOrThrow } from "./customer-query";
import { customerToResponse } from "./to-response";
import type { CustomerResponse } from "./schemas";

/** One customer with its masked cards and shipping addresses. */
export async function getCustomer(merchantId: bigint, customerId: string): Promise<CustomerResponse> {
  return customerToResponse(await getCustomerWithChildrenOrThrow(getDb(), merchantId, customerId));
}
