import "#server-only";
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/errors/api-error";
import { getCustomer } from "@/lib/vault/get-customer";
import { CUSTOMER_ID_PATTERN, type CustomerResponse } from "@/lib/vault/schemas";

/**
 * The customer a portal URL names, read as GET /platform/vault/customer/{id}
 * reads it (masked cards). A malformed id, an unknown one and another
 * merchant's all end in the same 404 page.
 */
export async function loadCustomer(merchantId: bigint, customerId: string): Promise<CustomerResponse> {
  if (!CUSTOMER_ID_PATTERN.test(customerId)) notFound();
  try {
    return await getCustomer(merchantId, customerId);
  } catch (error) {
    if (error instanceof ApiError && error.kind === "not_found") notFound();
    throw error;
  }
}
