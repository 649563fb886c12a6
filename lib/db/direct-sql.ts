import "#server-only";
import { dbProvider, getDb, getPostgresPool, type Db, type Tx } from "./client";
import type { Prisma } from "./sql";
import { sqliteQuery } from "./direct-sqlite";
import { sqliteWriteAtomically } from "./sqlite-writer";
import { postgresQuery, postgresWriteAtomically } from "./direct-postgres";
import { carryingFirstWrite, FirstWriteRefused } from "./first-write";
import { isDriverUniqueViolation } from "./unique-violation";

// The vault's hottest statements (the API key lookup on every request, the
// customer read, adding a customer) run here, straight on the database
// driver, instead of through the Prisma client: measured here, a Prisma call
// costs about 0.35 ms of CPU on the event loop, and on SQLite a Prisma
// transaction holds the single write lock across several turns of the event
// loop. See docs/decisions/004-direct-sql-on-hot-paths.md.
//
// The SQL is written with Prisma.sql (portable, parameterised) and must work
// on both databases. Rows come back typed as Prisma types them: BigInt
// columns as bigint, DateTime as Date, Boolean as boolean, Bytes as
// Uint8Array. Not for use inside a Prisma transaction: these run on their
// own connection and would not see its writes.

/** The rows a SELECT returns. */
export async function directQuery<T>(query: Prisma.Sql): Promise<T[]> {
  if (dbProvider() === "sqlite") return sqliteQuery<T>(query);
  return postgresQuery<T>(getPostgresPool(), query);
}

/**
 * A read for code that runs both inside and outside Prisma transactions:
 * inside one (db is a transaction client) it must see the transaction's own
 * writes, so it goes through it; outside, it goes direct.
 */
export function queryRows<T>(db: Db | Tx, query: Prisma.Sql): Promise<T[]> {
  return db === getDb() ? directQuery<T>(query) : db.$queryRaw<T[]>(query);
}

/**
 * Runs the statements in one transaction: all of them commit, or none. A
 * pending first write (first-write.ts) runs first among them.
 */
export function directWriteAtomically(statements: Prisma.Sql[]): Promise<void> {
  return carryingFirstWrite(async (first) => {
    const batch = first ? [first, ...statements] : statements;
    try {
      if (dbProvider() === "sqlite") await sqliteWriteAtomically(batch);
      else await postgresWriteAtomically(getPostgresPool(), batch);
    } catch (error) {
      const failedAt = (error as { statementIndex?: unknown }).statementIndex;
      throw first && failedAt === 0 && isDriverUniqueViolation(error) ? new FirstWriteRefused() : error;
    }
  });
}
