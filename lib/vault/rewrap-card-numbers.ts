import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { toDbBytes } from "../db/bytes";
import { rewrapSealed } from "../crypto/rewrap-sealed";
import type { Keyring } from "../crypto/keyring";
import type { SealedColumn } from "../crypto/sealed-column";
import { cardAad } from "./prepare-card";

// Key rotation's part for card numbers: stored cards, cards typed into the
// embedded form and not yet claimed, and the gateway's card tokens (all
// sealed like cards, under their card_id).

/** Stored cards' numbers. */
export const cardNumbers: SealedColumn = cardColumn("card", "card");

/** Card tokens' numbers (PendingCard rows). */
export const pendingCardNumbers: SealedColumn = cardColumn("pendingCard", "pending_card");

/** The key-rotation entry of a table of sealed card numbers keyed by card_id (cards, pending cards, the gateway's tokens). */
export function cardColumn(table: CardTableName, name: string): SealedColumn {
  return {
    name,
    async countByVersion() {
      const groups = await (getDb()[table] as unknown as CardTable).groupBy({ by: ["kekVersion"], _count: { _all: true } });
      return new Map(groups.map((group) => [group.kekVersion, group._count._all]));
    },
    rewrap: (target, keyring, limit) => rewrapCards(table, target, keyring, limit),
    async sampleOf(version) {
      const row = await (getDb()[table] as unknown as CardTable).findFirst({
        where: { kekVersion: version },
        select: { id: true, merchantId: true, sealedNumber: true },
      });
      return row ? { sealed: row.sealedNumber, aad: cardAad(row.merchantId, row.id) } : null;
    },
  };
}

type CardTableName = "card" | "pendingCard" | "cardToken";

async function rewrapCards(table: CardTableName, target: number, keyring: Keyring, limit: number): Promise<number> {
  // Both tables have the same sealed columns; Prisma's delegates differ only in type.
  const rows = await (getDb()[table] as unknown as CardTable).findMany({
    where: { kekVersion: { not: target } },
    select: { id: true, merchantId: true, sealedNumber: true, kekVersion: true },
    take: limit,
  });
  await writeTransaction(async (tx) => {
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
  findFirst(args: object): Promise<CardRow | null>;
  updateMany(args: object): Promise<{ count: number }>;
  groupBy(args: object): Promise<{ kekVersion: number; _count: { _all: number } }[]>;
};
