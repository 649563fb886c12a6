import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError } from "../../errors/api-error";
import { getRequestOrThrow } from "../get-request-or-throw";
import { requestToCancelAnswer } from "../request-answers";
import { OPEN_STATUSES } from "../request-status";
import type { CancelResponse } from "../schemas";

/**
 * POST /aus/request/cancel/{request_id}: an INPROGRESS or QUEUED request
 * becomes CANCELED, and its files not yet done are marked done, so the run
 * sends none of them and applies no answer to them. The status is checked in
 * the UPDATE itself: the run may complete the request at the same moment,
 * and then the cancel is a 409. Works whether or not the merchant is still
 * enrolled.
 */
export async function cancelRequest(actor: Actor, requestId: number): Promise<CancelResponse> {
  return writeTransaction(async (tx) => {
    const current = await getRequestOrThrow(tx, actor.merchantId, requestId);
    const { count } = await tx.accountUpdaterRequest.updateMany({
      where: { id: current.id, merchantId: actor.merchantId, status: { in: [...OPEN_STATUSES] } },
      data: { status: "CANCELED" },
    });
    if (count === 0) {
      // Read again: the status that refused the cancel may be the run's, newer than `current`.
      const { status } = await getRequestOrThrow(tx, actor.merchantId, current.id);
      throw new ApiError("conflict", `Only an INPROGRESS or QUEUED request can be cancelled; this one's status is ${status}`);
    }
    await tx.accountUpdaterFile.updateMany({ where: { requestId: current.id, doneAt: null }, data: { doneAt: new Date() } });
    await recordAudit(tx, actor, "account_updater.cancel", { type: "account_updater_request", id: String(current.id) });
    return requestToCancelAnswer(await getRequestOrThrow(tx, actor.merchantId, current.id));
  });
}
