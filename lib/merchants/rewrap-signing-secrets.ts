import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { toDbBytes } from "../db/bytes";
import { rewrapSealed } from "../crypto/rewrap-sealed";
import type { SealedColumn } from "../crypto/sealed-column";
import { signingSecretAad } from "./create-merchant";

/** Key rotation's part for merchants: the signing secret behind redirect signatures. */
export const signingSecrets: SealedColumn = {
  name: "merchant",
  async countByVersion() {
    const groups = await getDb().merchant.groupBy({ by: ["signingSecretKekVersion"], _count: { _all: true } });
    return new Map(groups.map((group) => [group.signingSecretKekVersion, group._count._all]));
  },
  async rewrap(target, keyring, limit) {
    const merchants = await getDb().merchant.findMany({
      where: { signingSecretKekVersion: { not: target } },
      select: { id: true, signingSecretSealed: true, signingSecretKekVersion: true },
      take: limit,
    });
    await writeTransaction(async (tx) => {
      for (const merchant of merchants) {
        const next = rewrapSealed(merchant.signingSecretSealed, signingSecretAad(merchant.id), target, keyring);
        await tx.merchant.updateMany({
          where: { id: merchant.id, signingSecretKekVersion: merchant.signingSecretKekVersion },
          data: { signingSecretSealed: toDbBytes(next.sealed), signingSecretKekVersion: next.kekVersion },
        });
      }
    });
    return merchants.length;
  },
  async sampleOf(version) {
    const merchant = await getDb().merchant.findFirst({ where: { signingSecretKekVersion: version }, select: { id: true, signingSecretSealed: true } });
    return merchant ? { sealed: merchant.signingSecretSealed, aad: signingSecretAad(merchant.id) } : null;
  },
};
