import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { toDbBytes } from "../db/bytes";
import { rewrapSealed } from "../crypto/rewrap-sealed";
import type { Keyring } from "../crypto/keyring";
import type { SealedColumn } from "../crypto/sealed-column";
import { webhookAad } from "./webhook-secrets";

// Key rotation's part for webhooks (listed in lib/key-rotation/sealed-columns.ts):
// a webhook holds up to three sealed values (secret, previous secret,
// Basic-auth password), each with its own KEK version.

const SEALED = [
  { bytes: "secretSealed", version: "secretKekVersion", part: "secret", isOptional: false },
  { bytes: "previousSecretSealed", version: "previousSecretKekVersion", part: "secret", isOptional: true },
  { bytes: "authPasswordSealed", version: "authPasswordKekVersion", part: "auth-password", isOptional: true },
] as const;

/** Webhooks' secrets and Basic-auth passwords. */
export const webhookSecrets: SealedColumn = {
  name: "webhook",
  countByVersion: countWebhookSealedByVersion,
  rewrap: rewrapWebhookSecrets,
};

/** Re-wraps up to `limit` webhook values not under `target`; returns how many values it read. */
async function rewrapWebhookSecrets(target: number, keyring: Keyring, limit: number): Promise<number> {
  let rewrapped = 0;
  for (const column of SEALED) {
    if (rewrapped >= limit) break;
    const rows = await getDb().webhook.findMany({
      // A null version (no value) never matches "not target" in SQL; a
      // version without a value is never read either, or a batch of them
      // would be read again and again without one being rewritten.
      where: { [column.version]: { not: target }, ...(column.isOptional ? { [column.bytes]: { not: null } } : {}) },
      select: { id: true, merchantId: true, [column.bytes]: true, [column.version]: true },
      take: limit - rewrapped,
    });
    await writeTransaction(async (tx) => {
      for (const row of rows as unknown as Record<string, unknown>[]) {
        if (row[column.bytes] === null) continue;
        const id = row.id as number;
        const merchantId = row.merchantId as bigint;
        const next = rewrapSealed(row[column.bytes] as Uint8Array, webhookAad(merchantId, id, column.part), target, keyring);
        // The old version in the WHERE: a value changed meanwhile is left to the next pass.
        await tx.webhook.updateMany({
          where: { id, [column.version]: row[column.version] as number },
          data: { [column.bytes]: toDbBytes(next.sealed), [column.version]: next.kekVersion },
        });
      }
    });
    rewrapped += rows.length;
  }
  return rewrapped;
}

/** How many webhook values each KEK version protects. */
async function countWebhookSealedByVersion(): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const column of SEALED) {
    const groups = await getDb().webhook.groupBy({ by: [column.version], _count: { _all: true } });
    for (const group of groups as unknown as Record<string, unknown>[]) {
      const version = group[column.version] as number | null;
      if (version === null) continue;
      counts.set(version, (counts.get(version) ?? 0) + (group._count as { _all: number })._all);
    }
  }
  return counts;
}
