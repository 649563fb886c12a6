import "#server-only";
import type { Tx } from "../db/client";
import { Prisma } from "../db/sql";
import type { PreparedCard } from "./prepare-card";

/**
 * The INSERT for sealed cards of one customer (`customerPk` is a value or a
 * subquery, and so may each card's `isPrimary` be). Plain SQL, as the vault's busiest write
 * (docs/decisions/002-raw-sql-for-hot-reads.md).
 */
export function insertCardRowsSql(customerPk: Prisma.Sql, cards: (PreparedCard & { isPrimary: boolean | Prisma.Sql })[]): Prisma.Sql {
  // One millisecond apart, so cards sent together keep the order they were
  // sent in (cards are listed, and promoted to primary, oldest first).
  const start = Date.now();
  const rows = cards.map(
    (c, index) => Prisma.sql`(${c.id}, ${c.merchantId}, ${customerPk}, ${c.fingerprint}, ${c.maskedNumber}, ${c.cardType},
      ${c.expDate}, ${c.sealedNumber}, ${c.kekVersion}, ${c.firstName ?? null}, ${c.lastName ?? null},
      ${c.firmName ?? null}, ${c.emails ?? null}, ${c.addr1 ?? null}, ${c.addr2 ?? null}, ${c.city ?? null},
      ${c.state ?? null}, ${c.zip}, ${c.zip4 ?? null}, ${c.country ?? null}, ${c.countryCode ?? null},
      ${c.isPrimary}, ${new Date(start + index)}, ${new Date(start + index)})`,
  );
  return Prisma.sql`
    INSERT INTO "Card" ("id", "merchantId", "customerPk", "fingerprint", "maskedNumber", "cardType", "expDate",
      "sealedNumber", "kekVersion", "firstName", "lastName", "firmName", "emails", "addr1", "addr2", "city",
      "state", "zip", "zip4", "country", "countryCode", "isPrimary", "createdAt", "updatedAt")
    VALUES ${Prisma.join(rows)}`;
}

/** Inserts sealed cards for a customer inside the caller's transaction. */
export async function insertCardRows(tx: Tx, customerPk: number, cards: (PreparedCard & { isPrimary: boolean })[]): Promise<void> {
  if (cards.length > 0) await tx.$executeRaw(insertCardRowsSql(Prisma.sql`${customerPk}`, cards));
}

/**
 * Adds one card to a customer inside the caller's transaction: the
 * customer's first card is primary, and `makePrimary` takes primary from the
 * others. The unique index on (customer, fingerprint) rejects a number the
 * customer already has, also when two requests add it at once.
 */
export async function insertCustomerCard(tx: Tx, customerPk: number, card: PreparedCard, makePrimary = false): Promise<void> {
  const [existing] = await tx.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS "n" FROM "Card" WHERE "customerPk" = ${customerPk}`;
  const isFirst = Number(existing?.n ?? 0) === 0;
  if (makePrimary && !isFirst) await tx.card.updateMany({ where: { customerPk, isPrimary: true }, data: { isPrimary: false } });
  await insertCardRows(tx, customerPk, [{ ...card, isPrimary: isFirst || makePrimary }]);
}
