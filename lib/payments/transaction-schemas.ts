import { z } from "zod";
import { browseQuerySchema } from "../paging/browse-query";

/** The fields a GET /platform/transaction filter may name, API name → column. */
export const TRANSACTION_FILTER_FIELDS = {
  pg_id: "pgId",
  tran_type: "type",
  tran_status: "status",
  customer_id: "customerId",
  card_id: "cardId",
  merch_ref_num: "merchRefNum",
  purchase_id: "purchaseId",
  rcode: "rcode",
  auth_code: "authCode",
} as const;

/** The fields it may sort on; tran_time (newest first) is the default. tran_time also filters (a date or an instant). */
export const TRANSACTION_SORT_FIELDS = { tran_time: "createdAt", amt_tran: "amountMinor", ...TRANSACTION_FILTER_FIELDS } as const;

export const TransactionBrowseQuerySchema = browseQuerySchema(TRANSACTION_SORT_FIELDS, { orderOn: "tran_time", orderBy: "desc" });
export type TransactionBrowseQuery = z.infer<typeof TransactionBrowseQuerySchema>;
