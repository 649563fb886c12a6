import "#server-only";
import type { Tx } from "../../db/client";
import { queryRows } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import { recordEvent } from "../../events/record-event";
import { formatDay } from "../../billing/utc-date";
import { REQUEST_FOR_EVENT_COLUMNS, requestEventData, type RequestForEvent } from "../requests/request-event-data";

/**
 * Completes the request once every card is chosen (a harvest done
 * selecting) and every file answered: COMPLETED, its response date, and the
 * account_updater_request_completed event with its counts. Answers whether it
 * completed it now. Runs in the transaction that applied its last file.
 */
export async function completeIfDone(tx: Tx, merchantId: bigint, requestId: number, today: number): Promise<boolean> {
  const [pending] = await queryRows<{ files: number | bigint }>(
    tx,
    Prisma.sql`SELECT COUNT(*) AS "files" FROM "AccountUpdaterFile" WHERE "requestId" = ${requestId} AND "doneAt" IS NULL`,
  );
  if (Number(pending?.files ?? 0) > 0) return false;
  const responseDate = formatDay(today);
  const [done] = await queryRows<RequestForEvent>(
    tx,
    Prisma.sql`
      UPDATE "AccountUpdaterRequest" SET "status" = 'COMPLETED', "responseDate" = ${responseDate}, "updatedAt" = ${new Date()}
      WHERE "id" = ${requestId} AND "status" IN ('INPROGRESS', 'QUEUED') AND NOT "selecting"
      RETURNING ${REQUEST_FOR_EVENT_COLUMNS}`,
  );
  if (!done) return false;
  await recordEvent(tx, merchantId, "account_updater_request_completed", requestEventData(done));
  return true;
}
