import "#server-only";
import { getDb } from "../db/client";
import { toDbBytes } from "../db/bytes";
import { writeTransaction } from "../db/write-transaction";
import { rewrapSealed } from "../crypto/rewrap-sealed";
import type { SealedColumn } from "../crypto/sealed-column";
import { securityKeyAad } from "./merchant-gateway";

/** Key rotation's part for gateways: the upstream gateways' sealed security keys. */
export const gatewaySecurityKeys: SealedColumn = {
  name: "gateway",
  async countByVersion() {
    const groups = await getDb().merchantGateway.groupBy({ by: ["kekVersion"], where: { kekVersion: { not: null } }, _count: { _all: true } });
    return new Map(groups.map((group) => [group.kekVersion as number, group._count._all]));
  },
  async rewrap(target, keyring, limit) {
    const rows = await getDb().merchantGateway.findMany({
      where: { kekVersion: { not: target }, securityKeySealed: { not: null } },
      select: { merchantId: true, securityKeySealed: true, kekVersion: true },
      take: limit,
    });
    await writeTransaction(async (tx) => {
      for (const row of rows) {
        const next = rewrapSealed(row.securityKeySealed as Uint8Array, securityKeyAad(row.merchantId), target, keyring);
        await tx.merchantGateway.updateMany({
          where: { merchantId: row.merchantId, kekVersion: row.kekVersion },
          data: { securityKeySealed: toDbBytes(next.sealed), kekVersion: next.kekVersion },
        });
      }
    });
    return rows.length;
  },
  async sampleOf(version) {
    const row = await getDb().merchantGateway.findFirst({
      where: { kekVersion: version, securityKeySealed: { not: null } },
      select: { merchantId: true, securityKeySealed: true },
    });
    return row?.securityKeySealed ? { sealed: row.securityKeySealed, aad: securityKeyAad(row.merchantId) } : null;
  },
};
