import "#server-only";
import { civilDate, formatDay } from "../../billing/utc-date";
import { monthOf } from "../harvest-month";
import { claimIsFree } from "../../billing/run/claim-subscriptions";
import type { Tx } from "../../db/client";
import { directQuery, queryRows } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import { writeTransaction } from "../../db/write-transaction";
import { recordEvent } from "../../events/record-event";
import { ELIGIBLE_CARD_TYPES, isStale } from "../eligibility";
import { REQUEST_FOR_EVENT_COLUMNS, requestEventData, type RequestForEvent } from "../requests/request-event-data";
import { insertFile } from "../requests/request-rows";
import { FILE_SIZE } from "../request-status";
import { completeIfDone } from "./complete-request";
import type { ClaimLease } from "./file-claims";

// The monthly harvest (docs/account-updater.md, "The monthly harvest"): on
// its harvest day (or the first pass after it) an enrolled merchant's
// eligible cards become one harvest_cust_vault request. The month is claimed
// in the transaction that writes the request, so it happens once however
// many workers run. The cards are read in batches in card_id order and each
// batch is written as one file, with the request's claim renewed: memory
// stays flat however many cards there are, and a worker that dies midway
// leaves the request "selecting" for the next claim to resume after its last
// card.

/** Starts this month's harvest when it is due; answers whether it did. */
export async function startHarvest(merchantId: bigint, today: number, lease: ClaimLease): Promise<boolean> {
  const month = monthOf(today);
  return writeTransaction(async (tx) => {
    const claimed = await tx.$executeRaw`
      UPDATE "AccountUpdaterEnrolment" SET "lastHarvestMonth" = ${month}, "updatedAt" = ${new Date()}
      WHERE "merchantId" = ${merchantId} AND "harvestDay" <= ${civilDate(today).day}
        AND ("lastHarvestMonth" IS NULL OR "lastHarvestMonth" < ${month})`;
    if (claimed === 0) return false;
    await tx.accountUpdaterRequest.create({
      data: {
        merchantId,
        method: "harvest_cust_vault",
        status: "INPROGRESS",
        requestDate: formatDay(today),
        selecting: true,
        claimedBy: lease.workerId,
        claimUntil: BigInt(Date.now() + lease.leaseMs),
      },
    });
    return true;
  });
}

type CardForHarvest = { id: string; fingerprint: string; maskedNumber: string; cardType: string; expDate: string };

/** Chooses the cards of every harvest of the merchant still selecting, batch by batch; answers how many requests finished selecting. */
export async function selectHarvests(merchantId: bigint, today: number, lease: ClaimLease, isStopping?: () => boolean): Promise<number> {
  let finished = 0;
  const selecting = await directQuery<{ id: number | bigint }>(Prisma.sql`
    SELECT "id" FROM "AccountUpdaterRequest" WHERE "merchantId" = ${merchantId} AND "selecting" ORDER BY "id"`);
  for (const { id } of selecting) {
    const requestId = Number(id);
    if (!(await claimRequest(requestId, lease))) continue;
    let after = await lastChosenCard(requestId);
    for (;;) {
      if (isStopping?.()) return finished;
      const batch = await directQuery<CardForHarvest>(Prisma.sql`
        SELECT "id", "fingerprint", "maskedNumber", "cardType", "expDate" FROM "Card"
        WHERE "merchantId" = ${merchantId} AND "id" > ${after} AND NOT "auHold" AND "replacedBy" IS NULL
          AND "cardType" IN (${Prisma.join([...ELIGIBLE_CARD_TYPES])})
        ORDER BY "id" LIMIT ${FILE_SIZE}`);
      const chosen = batch.filter((card) => !isStale(card.expDate, today));
      const last = batch.length < FILE_SIZE;
      const going = await writeTransaction(async (tx) => {
        // The request's row first: a harvest cancelled meanwhile stops choosing, and writes nothing more.
        const open = await tx.$executeRaw`
          UPDATE "AccountUpdaterRequest" SET "cntRequest" = "cntRequest" + ${chosen.length}, "claimUntil" = ${BigInt(Date.now() + lease.leaseMs)}
          WHERE "id" = ${requestId} AND "status" = 'INPROGRESS'`;
        if (open === 0) {
          await tx.$executeRaw`UPDATE "AccountUpdaterRequest" SET "selecting" = false, "claimedBy" = NULL, "claimUntil" = NULL WHERE "id" = ${requestId}`;
          return false;
        }
        if (chosen.length > 0) await writeBatch(tx, merchantId, requestId, chosen);
        if (last) await finishSelecting(tx, merchantId, requestId, today);
        return !last;
      });
      if (!going) break;
      after = batch[batch.length - 1]!.id;
    }
    finished++;
  }
  return finished;
}

async function claimRequest(requestId: number, lease: ClaimLease): Promise<boolean> {
  const nowMs = Date.now();
  const taken = await writeTransaction(
    (tx) => tx.$executeRaw`
      UPDATE "AccountUpdaterRequest" SET "claimedBy" = ${lease.workerId}, "claimUntil" = ${BigInt(nowMs + lease.leaseMs)}
      WHERE "id" = ${requestId} AND "selecting" AND (${claimIsFree(nowMs)} OR "claimedBy" = ${lease.workerId})`,
  );
  return taken === 1;
}

/** Where a resumed selection goes on: after the last card it chose (card_ids are read in order). */
async function lastChosenCard(requestId: number): Promise<string> {
  const [row] = await directQuery<{ cardId: string | null }>(
    Prisma.sql`SELECT MAX("cardId") AS "cardId" FROM "AccountUpdaterResult" WHERE "requestId" = ${requestId}`,
  );
  return row?.cardId ?? "";
}

async function writeBatch(tx: Tx, merchantId: bigint, requestId: number, cards: CardForHarvest[]): Promise<void> {
  const now = new Date();
  const values = cards.map(
    (card) => Prisma.sql`(${requestId}, ${merchantId}, ${card.id}, ${card.fingerprint}, ${card.maskedNumber}, ${card.cardType}, ${card.expDate}, ${now})`,
  );
  const ids = await queryRows<{ id: number | bigint }>(
    tx,
    Prisma.sql`
      INSERT INTO "AccountUpdaterResult" ("requestId", "merchantId", "cardId", "fingerprint", "maskedNumber", "cardType", "expDate", "createdAt")
      VALUES ${Prisma.join(values)} RETURNING "id"`,
  );
  const numbers = ids.map((row) => Number(row.id));
  await insertFile(tx, merchantId, requestId, Math.min(...numbers), Math.max(...numbers));
}

/** The last batch: the request is chosen, announced, and (with no card at all) complete. */
async function finishSelecting(tx: Tx, merchantId: bigint, requestId: number, today: number): Promise<void> {
  const [request] = await queryRows<RequestForEvent>(
    tx,
    Prisma.sql`
      UPDATE "AccountUpdaterRequest" SET "selecting" = false, "claimedBy" = NULL, "claimUntil" = NULL, "updatedAt" = ${new Date()}
      WHERE "id" = ${requestId}
      RETURNING ${REQUEST_FOR_EVENT_COLUMNS}`,
  );
  if (!request) return;
  await recordEvent(tx, merchantId, "account_updater_request_created", requestEventData(request));
  await completeIfDone(tx, merchantId, requestId, today);
}
