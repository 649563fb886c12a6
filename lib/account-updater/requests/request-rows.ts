import "#server-only";
import type { Actor } from "../../audit/record-audit";
import { openSealed, seal } from "../../crypto/seal";
import { toDbBytes } from "../../db/bytes";
import type { Tx } from "../../db/client";
import { recordEvents, type EventEntry } from "../../events/record-event";
import { FILE_SIZE } from "../request-status";
import type { RequestMethod } from "../request-status";
import { requestEventData } from "./request-event-data";
import { requestSelect } from "../get-request-or-throw";

// Writing a request, its cards (results) and the files they go out in. Ad-hoc
// requests (/aus/request/create, /aus/add) write all of it in the API's
// transaction; the monthly harvest writes its cards in streamed batches
// (run/harvest.ts) through insertFile.

export type RejectedCard = { card_id: string; reject_reason: string };

/** One card of a request: a vault card, or (for /aus/add) a number the merchant sent, sealed. */
export type ResultInput = {
  cardId?: string | null;
  fingerprint?: string | null;
  reference?: string | null;
  /** Only for a number the merchant sent: the number itself, sealed here under the row's own id. */
  number?: string | null;
  maskedNumber: string;
  cardType: string;
  expDate: string;
};

/** The sealed numbers of an /aus/add entry: the one sent, and the network's new one once answered. */
export type SentNumbers = { number: string; new?: string };

export function resultAad(merchantId: bigint, resultId: number): string {
  return `aus:${merchantId}:${resultId}`;
}

export function sealNumbers(merchantId: bigint, resultId: number, numbers: SentNumbers): { sealedNumbers: Uint8Array<ArrayBuffer>; kekVersion: number } {
  const { sealed, kekVersion } = seal(JSON.stringify(numbers), resultAad(merchantId, resultId));
  return { sealedNumbers: toDbBytes(sealed), kekVersion };
}

export function openNumbers(merchantId: bigint, resultId: number, sealed: Uint8Array): SentNumbers {
  return JSON.parse(openSealed(sealed, resultAad(merchantId, resultId))) as SentNumbers;
}

/**
 * Writes an ad-hoc request: the request (INPROGRESS; COMPLETED at once when
 * every card was rejected), its results, one file per FILE_SIZE cards for
 * the worker to send, and the account_updater_request_created event.
 */
export async function insertRequest(
  tx: Tx,
  actor: Actor,
  input: { method: RequestMethod; requestDate: string; results: ResultInput[]; rejected: RejectedCard[] },
): Promise<number> {
  const { merchantId } = actor;
  const empty = input.results.length === 0;
  const request = await tx.accountUpdaterRequest.create({
    data: {
      merchantId,
      method: input.method,
      status: empty ? "COMPLETED" : "INPROGRESS",
      requestDate: input.requestDate,
      responseDate: empty ? input.requestDate : null,
      cntRequest: input.results.length,
      rejectedCards: JSON.stringify(input.rejected),
    },
    select: requestSelect,
  });
  const ids: number[] = [];
  for (const result of input.results) {
    const row = await tx.accountUpdaterResult.create({
      data: {
        requestId: request.id,
        merchantId,
        cardId: result.cardId ?? null,
        fingerprint: result.fingerprint ?? null,
        reference: result.reference ?? null,
        maskedNumber: result.maskedNumber,
        cardType: result.cardType,
        expDate: result.expDate,
      },
      select: { id: true },
    });
    if (result.number) {
      await tx.accountUpdaterResult.update({ where: { id: row.id }, data: sealNumbers(merchantId, row.id, { number: result.number }) });
    }
    ids.push(row.id);
  }
  for (let start = 0; start < ids.length; start += FILE_SIZE) {
    const slice = ids.slice(start, start + FILE_SIZE);
    await insertFile(tx, merchantId, request.id, slice[0]!, slice[slice.length - 1]!);
  }
  const events: EventEntry[] = [{ type: "account_updater_request_created", data: requestEventData(request) }];
  if (empty) events.push({ type: "account_updater_request_completed", data: requestEventData(request) });
  await recordEvents(tx, merchantId, events);
  return request.id;
}

/** A file of the request's results with ids from first to last, for the run to send. */
export async function insertFile(tx: Tx, merchantId: bigint, requestId: number, firstResultId: number, lastResultId: number): Promise<void> {
  await tx.accountUpdaterFile.create({ data: { merchantId, requestId, firstResultId, lastResultId } });
}
