import "#server-only";
import { z } from "zod";
import { getDb } from "../../db/client";
import { parseOptions } from "../../errors/parse-options";
import { pageFields } from "../../paging/page-options";
import { requestSelect, type RequestRow } from "../get-request-or-throw";
import { rejectedCount } from "./rejected-cards";

// The portal's Account Updater page: the merchant's requests, newest first,
// with the counts the summary report gives (sent, answered, updated,
// rejected).

const ListRequestsSchema = z.object({ merchantId: z.bigint(), ...pageFields(25) });
export type ListRequestsOptions = z.input<typeof ListRequestsSchema>;

export type RequestListRow = {
  requestId: number;
  method: string;
  status: string;
  /** "YYYY-MM-DD" on the merchant's clock. */
  requestDate: string;
  responseDate: string | null;
  cntRequest: number;
  cntResponse: number;
  cntUpdate: number;
  cntRejected: number;
};

export type RequestListPage = { rows: RequestListRow[]; total: number; page: number; pageSize: number };

export async function listRequests(options: ListRequestsOptions): Promise<RequestListPage> {
  const { merchantId, page, pageSize } = parseOptions(ListRequestsSchema, options);
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.accountUpdaterRequest.count({ where: { merchantId } }),
    db.accountUpdaterRequest.findMany({
      where: { merchantId },
      orderBy: { id: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: requestSelect,
    }),
  ]);
  return {
    rows: rows.map(toRequestListRow),
    total,
    page,
    pageSize,
  };
}

/** A request as the portal's lists show it. */
export function toRequestListRow(row: RequestRow): RequestListRow {
  return {
    requestId: row.id,
    method: row.method,
    status: row.status,
    requestDate: row.requestDate,
    responseDate: row.responseDate,
    cntRequest: row.cntRequest,
    cntResponse: row.cntResponse,
    cntUpdate: row.cntUpdate,
    cntRejected: rejectedCount(row.rejectedCards),
  };
}
