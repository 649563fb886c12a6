import "#server-only";
import { openSealed } from "../../crypto/seal";
import { directQuery } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import { writeTransaction } from "../../db/write-transaction";
import { cardAad } from "../../vault/prepare-card";
import { formatDay } from "../../billing/utc-date";
import type { NetworkCard } from "../network/network";
import { networkForMerchant } from "../network/networks";
import { openNumbers } from "../requests/request-rows";
import { claimFile, filesWaiting, releaseFile, type ClaimLease } from "./file-claims";
import type { AccountUpdaterFileRow } from "./file-results";

// Sending (docs/account-updater.md, "The run"): each file of an enrolled
// merchant's open requests goes to the network once its claim is taken. The
// numbers are opened one at a time inside the network's call; the file keeps
// the network's reference, and a request whose files have all gone is
// QUEUED. A card deleted (or given another number) since its request was
// made is not sent: its result is answered 000 at once, "skipped".

const SEND_BATCH = 20;

export async function sendFiles(merchantId: bigint, today: number, lease: ClaimLease, isStopping?: () => boolean): Promise<number> {
  let sent = 0;
  for (;;) {
    const files = await filesWaiting(merchantId, "send", SEND_BATCH);
    if (files.length === 0) return sent;
    for (const file of files) {
      if (isStopping?.()) return sent;
      if (!(await claimFile(file.id, lease))) continue;
      try {
        await sendFile(file, today, lease.workerId);
        sent++;
      } catch (error) {
        await releaseFile(file.id, lease.workerId);
        throw error;
      }
    }
    if (files.length < SEND_BATCH) return sent;
  }
}

type SendRow = { id: number | bigint; cardId: string | null; expDate: string; sealedNumbers: Uint8Array | null; cardSealed: Uint8Array | null };

async function sendFile(file: AccountUpdaterFileRow, today: number, workerId: string): Promise<void> {
  const { merchantId } = file;
  // The card's current number, only while it is still the one the request chose (same fingerprint).
  const rows = await directQuery<SendRow>(Prisma.sql`
    SELECT r."id", r."cardId", COALESCE(c."expDate", r."expDate") AS "expDate", r."sealedNumbers", c."sealedNumber" AS "cardSealed"
    FROM "AccountUpdaterResult" r
    LEFT JOIN "Card" c ON c."id" = r."cardId" AND c."merchantId" = r."merchantId" AND c."fingerprint" = r."fingerprint"
    WHERE r."requestId" = ${file.requestId} AND r."id" BETWEEN ${file.firstResultId} AND ${file.lastResultId}
    ORDER BY r."id"`);
  const cards: NetworkCard[] = [];
  const unsent: number[] = [];
  for (const row of rows) {
    const ref = Number(row.id);
    if (row.sealedNumbers !== null) {
      const sealed = row.sealedNumbers;
      cards.push({ ref, expDate: row.expDate, withNumber: (use) => use(openNumbers(merchantId, ref, sealed).number) });
    } else if (row.cardSealed !== null && row.cardId !== null) {
      const sealed = row.cardSealed;
      const aad = cardAad(merchantId, row.cardId);
      cards.push({ ref, expDate: row.expDate, withNumber: (use) => use(openSealed(sealed, aad)) });
    } else {
      unsent.push(ref);
    }
  }
  const network = networkForMerchant();
  const reference = await network.send(cards);
  await writeTransaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "AccountUpdaterFile" SET "network" = ${network.name}, "networkRef" = ${reference}, "sentDay" = ${today}, "claimedBy" = NULL, "claimUntil" = NULL
      WHERE "id" = ${file.id} AND "claimedBy" = ${workerId}`;
    if (unsent.length > 0) {
      await tx.$executeRaw`
        UPDATE "AccountUpdaterResult" SET "reasonCode" = '000', "responseDate" = ${formatDay(today)}, "applied" = 'skipped'
        WHERE "id" IN (${Prisma.join(unsent)}) AND "reasonCode" IS NULL`;
      await tx.$executeRaw`UPDATE "AccountUpdaterRequest" SET "cntResponse" = "cntResponse" + ${unsent.length} WHERE "id" = ${file.requestId}`;
    }
    await tx.$executeRaw`
      UPDATE "AccountUpdaterRequest" SET "status" = 'QUEUED', "updatedAt" = ${new Date()}
      WHERE "id" = ${file.requestId} AND "status" = 'INPROGRESS' AND NOT "selecting"
        AND NOT EXISTS (SELECT 1 FROM "AccountUpdaterFile" WHERE "requestId" = ${file.requestId} AND "networkRef" IS NULL AND "doneAt" IS NULL)`;
  });
}
