import "#server-only";
import { getDb, type Tx } from "./client";
import { carryingFirstWrite, FirstWriteRefused } from "./first-write";
import { isUniqueViolation } from "./unique-violation";

/**
 * A Prisma transaction that writes. Every write goes through here (see
 * client.ts for why writes always run in a transaction on SQLite), so a
 * pending first write (first-write.ts) commits with it.
 */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return carryingFirstWrite((first) =>
    getDb().$transaction(async (tx) => {
      if (first) {
        await tx.$executeRaw(first).catch((error: unknown) => {
          throw isUniqueViolation(error) ? new FirstWriteRefused() : error;
        });
      }
      return work(tx);
    }),
  );
}
