import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { toDbBytes } from "../db/bytes";
import { rewrapSealed } from "../crypto/rewrap-sealed";
import type { SealedColumn } from "../crypto/sealed-column";
import { totpAad } from "./totp-secret";

/**
 * Key rotation's part for portal users (listed in
 * lib/key-rotation/sealed-columns.ts): a TOTP secret left under a retired KEK
 * version would lock its user out.
 */
export const totpSecrets: SealedColumn = {
  name: "user",
  async countByVersion() {
    const groups = await getDb().user.groupBy({ by: ["totpKekVersion"], _count: { _all: true } });
    const counts = new Map<number, number>();
    for (const group of groups) if (group.totpKekVersion !== null) counts.set(group.totpKekVersion, group._count._all);
    return counts;
  },
  async rewrap(target, keyring, limit) {
    if (limit <= 0) return 0;
    const users = await getDb().user.findMany({
      // A null version (no second factor) never matches "not target" in SQL;
      // a version without a secret is never read either, or a batch of them
      // would be read again and again without one being rewritten.
      where: { totpKekVersion: { not: target }, totpSecretSealed: { not: null } },
      select: { id: true, merchantId: true, totpSecretSealed: true, totpKekVersion: true },
      take: limit,
    });
    await writeTransaction(async (tx) => {
      for (const user of users) {
        if (!user.totpSecretSealed) continue;
        const next = rewrapSealed(user.totpSecretSealed, totpAad(user.merchantId, user.id), target, keyring);
        // The old version in the WHERE: a re-enrolment meanwhile is left to the next pass.
        await tx.user.updateMany({
          where: { id: user.id, totpKekVersion: user.totpKekVersion },
          data: { totpSecretSealed: toDbBytes(next.sealed), totpKekVersion: next.kekVersion },
        });
      }
    });
    return users.length;
  },
};
