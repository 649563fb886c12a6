import "#server-only";
import { majorUnitsIn } from "./amount";
import { shownMinor, type TranStatus, type TransactionRow, type TransactionType } from "./transaction-rows";

// A transaction as GET /platform/transaction answers it: the reference's
// Transaction shape (amounts in major units, the card masked), plus what
// this vault adds (marked in the OpenAPI document): the type, the message,
// the verification results, the original's pg_id and the connector.

export type TransactionResponse = {
  merchant_id: number;
  pg_id: string;
  tran_type: TransactionType;
  /** S (settled) is a captured transaction whose batch has closed. */
  tran_status: TranStatus | "S";
  tran_time: string;
  amt_tran: number;
  amt_refunded: number;
  tran_currency: string;
  rcode: string;
  rmsg: string;
  auth_code: string | null;
  auth_avs_result: string | null;
  auth_cvv2_result: string | null;
  card_number: string | null;
  card_type: string | null;
  card_id: string | null;
  customer_id: string | null;
  merch_ref_num: string | null;
  purchase_id: string | null;
  settle_date: string | null;
  pg_id_orig: string | null;
  connector: string;
};

/** The row as the API shows it; `gatewayNow` says whether a captured amount has settled (S). */
export function transactionToResponse(row: TransactionRow, originalPgId: string | null, gatewayNow: Date): TransactionResponse {
  const major = (minor: bigint) => majorUnitsIn(minor, row.currency);
  const settled = row.status === "C" && row.settlesAt !== null && row.settlesAt.getTime() <= gatewayNow.getTime();
  return {
    merchant_id: Number(row.merchantId),
    pg_id: row.pgId,
    tran_type: row.type,
    tran_status: settled ? "S" : row.status,
    tran_time: row.createdAt.toISOString(),
    // What was approved (less than asked on a partial approval); what was asked when it was not.
    amt_tran: major(shownMinor(row)),
    amt_refunded: major(row.refundedMinor),
    tran_currency: String(row.currency).padStart(3, "0"),
    rcode: row.rcode,
    rmsg: row.rmsg,
    auth_code: row.authCode,
    auth_avs_result: row.avsResult,
    auth_cvv2_result: row.cvvResult,
    card_number: row.maskedNumber,
    card_type: row.cardType,
    card_id: row.cardId,
    customer_id: row.customerId,
    merch_ref_num: row.merchRefNum,
    purchase_id: row.purchaseId,
    settle_date: settled && row.settlesAt ? row.settlesAt.toISOString() : null,
    pg_id_orig: originalPgId,
    connector: row.connector,
  };
}
