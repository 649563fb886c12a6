import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { merchantToday } from "../../billing/merchant-today";
import { formatDay } from "../../billing/utc-date";
import { writeTransaction } from "../../db/write-transaction";
import { requireEnrolment } from "../enrolment";
import type { CreateRequestInput, CreateRequestResponse } from "../schemas";
import { insertRequest, type RejectedCard, type ResultInput } from "./request-rows";
import { vaultCardEntries } from "./vault-card-entries";

/**
 * POST /aus/request/create: a request (method harvest_card_id) for up to
 * 100 of the merchant's vault cards. Cards it does not own, or that may not
 * be sent (docs/account-updater.md, "Eligible cards"), are listed in the
 * request's rejected_cards instead; the rest go to the network on the run's
 * next pass.
 */
export async function createRequest(actor: Actor, body: CreateRequestInput): Promise<CreateRequestResponse> {
  await requireEnrolment(actor.merchantId);
  const today = await merchantToday(actor.merchantId);
  const requestId = await writeTransaction(async (tx) => {
    const entries = await vaultCardEntries(tx, actor.merchantId, body.card_id, today);
    const results: ResultInput[] = [];
    const rejected: RejectedCard[] = [];
    for (const entry of entries.values()) {
      if ("result" in entry) results.push(entry.result);
      else rejected.push(entry.rejected);
    }
    const id = await insertRequest(tx, actor, { method: "harvest_card_id", requestDate: formatDay(today), results, rejected });
    await recordAudit(tx, actor, "account_updater.request", { type: "account_updater_request", id: String(id) });
    return id;
  });
  return { request_id: requestId };
}
