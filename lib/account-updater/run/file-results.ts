import "#server-only";
import { directQuery } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";

// A file's cards: the results of its request with ids in the file's range,
// less those answered already (a card that could not be sent).

export type FileResult = {
  id: number;
  cardId: string | null;
  fingerprint: string | null;
  sealedNumbers: Uint8Array | null;
  expDate: string;
};

export type AccountUpdaterFileRow = {
  id: number;
  requestId: number;
  merchantId: bigint;
  firstResultId: number;
  lastResultId: number;
  /** The network that took it and its reference for it; null until sent. */
  network: string | null;
  networkRef: string | null;
};

export async function readFileResults(file: AccountUpdaterFileRow): Promise<FileResult[]> {
  const rows = await directQuery<FileResult & { id: number | bigint }>(Prisma.sql`
    SELECT "id", "cardId", "fingerprint", "sealedNumbers", "expDate" FROM "AccountUpdaterResult"
    WHERE "requestId" = ${file.requestId} AND "id" BETWEEN ${file.firstResultId} AND ${file.lastResultId}
      AND "reasonCode" IS NULL
    ORDER BY "id"`);
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}
