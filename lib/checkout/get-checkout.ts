import "#server-only";
import { getDb } from "../db/client";
import { notFound } from "../errors/api-error";
import { majorUnitsIn } from "../payments/amount";
import { shownMinor } from "../payments/transaction-rows";
import { checkoutSelect, checkoutToResponse } from "./checkout-row";
import type { CheckoutResponse, CheckoutTransaction } from "./schemas";

/** The merchant's checkout link and its state, with a payment link's gateway answers; another merchant's id is unknown here. */
export async function getCheckout(merchantId: bigint, checkoutId: string): Promise<CheckoutResponse> {
  const db = getDb();
  const row = await db.checkout.findFirst({ where: { id: checkoutId, merchantId }, select: checkoutSelect });
  if (!row) throw notFound("Checkout");
  const response = checkoutToResponse(row);
  if (row.amountMinor === 0n) return response;
  const rows = await db.transaction.findMany({
    where: { checkoutId, merchantId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { pgId: true, rcode: true, rmsg: true, authCode: true, amountMinor: true, approvedMinor: true, status: true, type: true, currency: true },
  });
  const transactions = rows.map((t): CheckoutTransaction => {
    return {
      pg_id: t.pgId,
      rcode: t.rcode,
      rmsg: t.rmsg,
      ...(t.authCode ? { auth_code: t.authCode } : {}),
      amt_tran: majorUnitsIn(shownMinor(t), t.currency),
      tran_type: t.type,
    };
  });
  return { ...response, transactions };
}
