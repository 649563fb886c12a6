import "#server-only";
import { recordAudit, type Actor } from "../../audit/record-audit";
import { merchantToday } from "../../billing/merchant-today";
import { formatDay } from "../../billing/utc-date";
import { validateCardNumber } from "../../cards/card-number";
import { maskCardNumber } from "../../cards/mask";
import { writeTransaction } from "../../db/write-transaction";
import { ApiError, type FieldErrors } from "../../errors/api-error";
import { CARD_NUMBER_PROBLEMS } from "../../vault/prepare-card";
import { ineligibleReason, REJECT_REASONS } from "../eligibility";
import { requireEnrolment } from "../enrolment";
import type { AddEntry, AddRequestInput, AddRequestResponse } from "../schemas";
import { insertRequest, type RejectedCard, type ResultInput } from "./request-rows";
import { vaultCardEntries, type VaultCardEntry } from "./vault-card-entries";

/** A number entry once its card_number is checked: bare digits and its brand. */
type CheckedNumber = { digits: string; cardType: string };

/**
 * POST /aus/add: a request (method harvest_api) of up to 100 entries, each a
 * number the merchant sends with its expiry (sealed with the result, shown
 * in full to the merchant alone by GET /aus/{requestId}), or a vault card by
 * card_id alone, as /aus/request/create takes it. A number the Account
 * Updater cannot ask about (a JCB card, one expired more than three years)
 * is listed in rejected_cards under the entry's card_id, or its masked
 * number when the entry has none (docs/account-updater.md, "Requests").
 */
export async function addRequest(actor: Actor, body: AddRequestInput): Promise<AddRequestResponse> {
  const numbers = checkNumbers(body.data);
  await requireEnrolment(actor.merchantId);
  const today = await merchantToday(actor.merchantId);
  const requestId = await writeTransaction(async (tx) => {
    const vaultIds = body.data.filter((entry) => entry.card_number === undefined).map((entry) => entry.card_id as string);
    const vaultCards = await vaultCardEntries(tx, actor.merchantId, vaultIds, today);
    const results: ResultInput[] = [];
    const rejected: RejectedCard[] = [];
    body.data.forEach((entry, i) => {
      const checked = numbers[i];
      const fate: VaultCardEntry = checked ? numberEntry(entry, checked, today) : vaultCards.get(entry.card_id as string)!;
      if ("result" in fate) results.push(fate.result);
      else rejected.push(fate.rejected);
    });
    const id = await insertRequest(tx, actor, { method: "harvest_api", requestDate: formatDay(today), results, rejected });
    await recordAudit(tx, actor, "account_updater.request", { type: "account_updater_request", id: String(id) });
    return id;
  });
  return { request_id: String(requestId) };
}

/** Each number entry's digits and brand (undefined for vault card entries); a 400 naming every bad data[i].card_number. */
function checkNumbers(entries: AddEntry[]): (CheckedNumber | undefined)[] {
  const errors: FieldErrors = {};
  const checked = entries.map((entry, i) => {
    if (entry.card_number === undefined) return undefined;
    const validation = validateCardNumber(entry.card_number);
    if (!validation.ok) {
      errors[`data[${i}].card_number`] = CARD_NUMBER_PROBLEMS[validation.reason];
      return undefined;
    }
    return { digits: validation.digits, cardType: validation.cardType };
  });
  if (Object.keys(errors).length > 0) throw new ApiError("validation", "Request validation failed", errors);
  return checked;
}

function numberEntry(entry: AddEntry, checked: CheckedNumber, today: number): VaultCardEntry {
  const maskedNumber = maskCardNumber(checked.digits);
  const expDate = entry.exp_date as string;
  const reason = ineligibleReason({ cardType: checked.cardType, expDate }, today);
  if (reason) return { rejected: { card_id: entry.card_id ?? maskedNumber, reject_reason: REJECT_REASONS[reason] } };
  return { result: { reference: entry.card_id ?? null, number: checked.digits, maskedNumber, cardType: checked.cardType, expDate } };
}
