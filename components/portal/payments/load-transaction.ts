import "#server-only";
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/errors/api-error";
import { getTransaction } from "@/lib/payments/get-transaction";

/**
 * The transaction a portal URL names, read as GET /platform/transaction/{pg_id}
 * reads it. A malformed pg_id, an unknown one and another merchant's all end
 * in the same 404 page.
 */
export async function loadTransaction(merchantId: bigint, pgId: string) {
  if (!/^[0-9a-f]{32}$/.test(pgId)) notFound();
  try {
    return await getTransaction(merchantId, pgId);
  } catch (error) {
    if (error instanceof ApiError && error.kind === "not_found") notFound();
    throw error;
  }
}
