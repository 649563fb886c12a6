import "#server-only";
import { getDb } from "../db/client";
import { toDbBytes } from "../db/bytes";
import { addKekVersion } from "./add-kek-version";
import { reloadKeyring } from "./get-keyring";
import { rewrapSealed } from "./rewrap-sealed";
import type { Keyring } from "./keyring";
import { cardAad } from "../vault/prepare-card";
import { signingSecretAad } from "../merchants/create-merchant";
import { countWebhookSealedByVersion, rewrapWebhookSecrets } from "../webhooks/rewrap-webhook-secrets";
import { countTotpSealedByVersion, rewrapTotpSecrets } from "../users/rewrap-totp-secrets";

/** A little over the servers' key file re-check interval. */
const KEY_FILE_PICKUP_MS = 1500;

export type RotationProgress = { table: "card" | "merchant" | "pending_card" | "webhook" | "user"; rewrapped: number };

/**
 * Online key rotation: re-wraps every data key under the active KEK version
 * without touching the encrypted data. Rows are updated one at a time with
 * their old version in the WHERE clause, so a card written meanwhile by a
 * running server is never overwritten, and the loop repeats until no row is
 * left on an older version. Stopping at any point is safe: run it again and it
 * resumes where it was (`limit` exists so tests can interrupt it).
 *
 * `addVersion`: make a new KEK version first. Leave it false to finish an
 * interrupted rotation.
 */
export async function rotateKeys(options: {
  addVersion: boolean;
  batchSize?: number;
  limit?: number;
  onProgress?: (progress: RotationProgress) => void;
}): Promise<{ activeVersion: number; rewrapped: number; complete: boolean }> {
  if (options.addVersion) {
    addKekVersion();
    // Running servers re-check the key file at most once a second
    // (get-keyring.ts); waiting a little longer means they seal new cards under
    // the new version before the first pass starts, so one pass is enough.
    await new Promise((resolve) => setTimeout(resolve, KEY_FILE_PICKUP_MS));
  }
  const keyring = reloadKeyring();
  const target = keyring.activeKekVersion;
  // Small enough that a running server waits at most a few tens of ms for the write lock.
  const batchSize = options.batchSize ?? 100;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const db = getDb();
  let rewrapped = 0;

  // Cards, then cards typed into the embedded form and not yet claimed
  // (sealed like cards, under the same id).
  for (const table of ["card", "pendingCard"] as const) {
    for (;;) {
      if (rewrapped >= limit) break;
      const take = Math.min(batchSize, limit - rewrapped);
      const done = await rewrapCardBatch(table, target, keyring, take);
      rewrapped += done;
      if (done > 0) options.onProgress?.({ table: table === "card" ? "card" : "pending_card", rewrapped });
      if (done < take) break;
    }
  }

  const merchants = await db.merchant.findMany({
    where: { signingSecretKekVersion: { not: target } },
    select: { id: true, signingSecretSealed: true, signingSecretKekVersion: true },
  });
  const merchantsNow = merchants.slice(0, Math.max(0, limit - rewrapped));
  await db.$transaction(async (tx) => {
    for (const merchant of merchantsNow) {
      const next = rewrapSealed(merchant.signingSecretSealed, signingSecretAad(merchant.id), target, keyring);
      await tx.merchant.updateMany({
        where: { id: merchant.id, signingSecretKekVersion: merchant.signingSecretKekVersion },
        data: { signingSecretSealed: toDbBytes(next.sealed), signingSecretKekVersion: next.kekVersion },
      });
    }
  });
  rewrapped += merchantsNow.length;
  if (merchantsNow.length > 0) options.onProgress?.({ table: "merchant", rewrapped });

  const webhookValues = await rewrapWebhookSecrets(target, keyring, Math.max(0, limit - rewrapped));
  rewrapped += webhookValues;
  if (webhookValues > 0) options.onProgress?.({ table: "webhook", rewrapped });

  const totpSecrets = await rewrapTotpSecrets(target, keyring, Math.max(0, limit - rewrapped));
  rewrapped += totpSecrets;
  if (totpSecrets > 0) options.onProgress?.({ table: "user", rewrapped });

  const remaining = await countSealedByVersion();
  const complete = [...remaining.entries()].every(([version, count]) => version === target || count === 0);
  return { activeVersion: target, rewrapped, complete };
}

/** Re-wraps one batch of cards (or card tokens) not under `target`, in one transaction (one fsync on SQLite). */
async function rewrapCardBatch(table: "card" | "pendingCard", target: number, keyring: Keyring, take: number): Promise<number> {
  // Both tables have the same sealed columns; Prisma's delegates differ only in type.
  const delegate = getDb()[table] as unknown as CardTable;
  const rows = await delegate.findMany({
    where: { kekVersion: { not: target } },
    select: { id: true, merchantId: true, sealedNumber: true, kekVersion: true },
    take,
  });
  await getDb().$transaction(async (tx) => {
    for (const row of rows) {
      const next = rewrapSealed(row.sealedNumber, cardAad(row.merchantId, row.id), target, keyring);
      await (tx[table] as unknown as CardTable).updateMany({
        where: { id: row.id, kekVersion: row.kekVersion },
        data: { sealedNumber: toDbBytes(next.sealed), kekVersion: next.kekVersion },
      });
    }
  });
  return rows.length;
}

type CardRow = { id: string; merchantId: bigint; sealedNumber: Uint8Array; kekVersion: number };
type CardTable = {
  findMany(args: object): Promise<CardRow[]>;
  updateMany(args: object): Promise<{ count: number }>;
};

/** How many sealed values each KEK version protects (cards, card tokens, signing secrets, webhook secrets, TOTP secrets). */
export async function countSealedByVersion(): Promise<Map<number, number>> {
  const db = getDb();
  const [cards, pendingCards, merchants, webhooks, totpSecrets] = await Promise.all([
    db.card.groupBy({ by: ["kekVersion"], _count: { _all: true } }),
    db.pendingCard.groupBy({ by: ["kekVersion"], _count: { _all: true } }),
    db.merchant.groupBy({ by: ["signingSecretKekVersion"], _count: { _all: true } }),
    countWebhookSealedByVersion(),
    countTotpSealedByVersion(),
  ]);
  const counts = new Map<number, number>(webhooks);
  for (const [version, count] of totpSecrets) counts.set(version, (counts.get(version) ?? 0) + count);
  for (const row of [...cards, ...pendingCards]) counts.set(row.kekVersion, (counts.get(row.kekVersion) ?? 0) + row._count._all);
  for (const row of merchants) {
    counts.set(row.signingSecretKekVersion, (counts.get(row.signingSecretKekVersion) ?? 0) + row._count._all);
  }
  return counts;
}
