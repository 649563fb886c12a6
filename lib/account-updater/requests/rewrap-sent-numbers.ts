import "#server-only";
import { getDb } from "../../db/client";
import { toDbBytes } from "../../db/bytes";
import { writeTransaction } from "../../db/write-transaction";
import { rewrapSealed } from "../../crypto/rewrap-sealed";
import type { SealedColumn } from "../../crypto/sealed-column";
import { resultAad } from "./request-rows";

/** Key rotation's part for the Account Updater: the numbers merchants sent with /aus/add (and their new numbers), sealed on their result rows. */
export const sentCardNumbers: SealedColumn = {
  name: "account_updater",
  async countByVersion() {
    const groups = await getDb().accountUpdaterResult.groupBy({ by: ["kekVersion"], where: { kekVersion: { not: null } }, _count: { _all: true } });
    return new Map(groups.map((group) => [group.kekVersion as number, group._count._all]));
  },
  async rewrap(target, keyring, limit) {
    const rows = await getDb().accountUpdaterResult.findMany({
      where: { kekVersion: { not: target }, sealedNumbers: { not: null } },
      select: { id: true, merchantId: true, sealedNumbers: true, kekVersion: true },
      take: limit,
    });
    await writeTransaction(async (tx) => {
      for (const row of rows) {
        const next = rewrapSealed(row.sealedNumbers as Uint8Array, resultAad(row.merchantId, row.id), target, keyring);
        await tx.accountUpdaterResult.updateMany({
          where: { id: row.id, kekVersion: row.kekVersion },
          data: { sealedNumbers: toDbBytes(next.sealed), kekVersion: next.kekVersion },
        });
      }
    });
    return rows.length;
  },
  async sampleOf(version) {
    const row = await getDb().accountUpdaterResult.findFirst({
      where: { kekVersion: version, sealedNumbers: { not: null } },
      select: { id: true, merchantId: true, sealedNumbers: true },
    });
    return row?.sealedNumbers ? { sealed: row.sealedNumbers, aad: resultAad(row.merchantId, row.id) } : null;
  },
};
