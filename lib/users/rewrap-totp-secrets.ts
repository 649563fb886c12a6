import "#server-only";
import { getDb } from "../db/client";
import { toDbBytes } from "../db/bytes";
import { rewrapSealed } from "../crypto/rewrap-sealed";
import type { Keyring } from "../crypto/keyring";
import { totpAad } from "./totp-secret";

// Key rotation's part for portal users (lib/crypto/rotate-keys.ts): a TOTP
// secret left under a retired KEK version would lock its user out.

/** Re-wraps up to `limit` TOTP secrets not under `target`; returns how many. */
export async function rewrapTotpSecrets(target: number, keyring: Keyring, limit: number): Promise<number> {
  if (limit <= 0) return 0;
  const users = await getDb().user.findMany({
    // A null version (no second factor) never matches "not target" in SQL.
    where: { totpKekVersion: { not: target } },
    select: { id: true, merchantId: true, totpSecretSealed: true, totpKekVersion: true },
    ...(Number.isFinite(limit) ? { take: limit } : {}),
  });
  await getDb().$transaction(async (tx) => {
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
}

/** How many TOTP secrets each KEK version protects. */
export async function countTotpSealedByVersion(): Promise<Map<number, number>> {
  const groups = await getDb().user.groupBy({ by: ["totpKekVersion"], _count: { _all: true } });
  const counts = new Map<number, number>();
  for (const group of groups) if (group.totpKekVersion !== null) counts.set(group.totpKekVersion, group._count._all);
  return counts;
}
