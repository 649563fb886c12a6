import "#server-only";
import { dbProvider, type Tx } from "./client";
import { Prisma } from "./sql";

// Row locks for a read-modify-write inside a transaction. PostgreSQL runs
// transactions side by side (READ COMMITTED), so the row a change depends on
// (a customer whose primary card it settles, a link's state, a merchant's
// owners) is locked until the transaction ends and a second change waits its
// turn. SQLite needs no lock: its transactions begin IMMEDIATE
// (lib/db/sqlite-adapter.ts), so only one writer runs at a time, and the
// clause is left out.

/** "no key update" does not hold up inserts of rows that reference the locked one. */
export type LockStrength = "update" | "no key update";

/**
 * The clause that ends a SELECT inside a transaction to lock the rows it
 * reads: FOR UPDATE (or FOR NO KEY UPDATE) on PostgreSQL, `OF alias` to lock
 * only one table of a join; nothing on SQLite.
 */
export function forUpdate(options: { of?: string; strength?: LockStrength } = {}): Prisma.Sql {
  if (dbProvider() !== "postgres") return Prisma.empty;
  const clause = options.strength === "no key update" ? "FOR NO KEY UPDATE" : "FOR UPDATE";
  if (options.of === undefined) return Prisma.raw(clause);
  // The alias is written into the SQL as it is: only a plain name will do.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.of)) throw new Error(`not a table alias: ${options.of}`);
  return Prisma.raw(`${clause} OF ${options.of}`);
}

/**
 * Inside a transaction: locks the rows of `table` that match `where` until
 * the transaction ends (PostgreSQL), for a caller that reads them some other
 * way; nothing to do on SQLite.
 */
export async function lockRows(tx: Tx, table: Prisma.ModelName, where: Prisma.Sql, strength: LockStrength = "update"): Promise<void> {
  if (dbProvider() !== "postgres") return;
  await tx.$queryRaw`SELECT 1 FROM ${Prisma.raw(`"${table}"`)} WHERE ${where} ${forUpdate({ strength })}`;
}
