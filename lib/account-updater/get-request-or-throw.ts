import "#server-only";
import type { Db, Tx } from "../db/client";
import { notFound } from "../errors/api-error";

// request_id is "up to 10 N" in the reference, its column a 32-bit integer:
// a well-formed id past that range cannot exist, so it is a 404 (PostgreSQL
// refuses to compare it).
export const MAX_REQUEST_ID = 2_147_483_647;

export const requestSelect = {
  id: true,
  merchantId: true,
  method: true,
  status: true,
  requestDate: true,
  responseDate: true,
  cntRequest: true,
  cntResponse: true,
  cntUpdate: true,
  rejectedCards: true,
} as const;

export type RequestRow = {
  id: number;
  merchantId: bigint;
  method: string;
  status: string;
  requestDate: string;
  responseDate: string | null;
  cntRequest: number;
  cntResponse: number;
  cntUpdate: number;
  rejectedCards: string;
};

/** The merchant's request, or a 404: another merchant's request is unknown here. */
export async function getRequestOrThrow(db: Db | Tx, merchantId: bigint, requestId: number): Promise<RequestRow> {
  if (requestId > MAX_REQUEST_ID) throw notFound("Account Updater request");
  const row = await db.accountUpdaterRequest.findFirst({ where: { id: requestId, merchantId }, select: requestSelect });
  if (!row) throw notFound("Account Updater request");
  return row;
}
