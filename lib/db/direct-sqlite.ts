import "#server-only";
import Database from "better-sqlite3";
import type { Prisma } from "./sql";
import { configureSqliteConnection, sqliteFilePath } from "./sqlite-connection";

// Hot-path reads on SQLite without the Prisma client: one better-sqlite3
// connection of our own, which sees only committed data (see
// docs/decisions/004-direct-sql-on-hot-paths.md). Writes go to the writer
// thread (lib/db/sqlite-writer.ts).

type Statement = Database.Statement<unknown[], Record<string, unknown>>;

const MAX_CACHED_STATEMENTS = 256;
const globalForDirect = globalThis as unknown as { vaultDirectSqlite?: { db: Database.Database; statements: Map<string, Statement> } };

function connection() {
  if (!globalForDirect.vaultDirectSqlite) {
    const db = new Database(sqliteFilePath());
    configureSqliteConnection(db);
    globalForDirect.vaultDirectSqlite = { db, statements: new Map() };
  }
  return globalForDirect.vaultDirectSqlite;
}

// Preparing is SQLite compiling the statement; the hot statements repeat, so
// keep them. Bounded, because statements with N-row VALUES lists vary.
function statement(sql: string): Statement {
  const { db, statements } = connection();
  let prepared = statements.get(sql);
  if (!prepared) {
    if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
    prepared = db.prepare<unknown[], Record<string, unknown>>(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

/** A JavaScript value as SQLite stores it, the same way Prisma's adapter does. */
export function toSqlite(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

/**
 * A column read back as the type Prisma gives it, from the column's declared
 * type (Prisma's SQLite schema declares BIGINT, INTEGER, BOOLEAN, DATETIME,
 * TEXT and BLOB). Integers arrive as bigint (safeIntegers), so none is
 * rounded on the way.
 */
function fromSqlite(value: unknown, declaredType: string | null): unknown {
  if (value === null) return null;
  switch (declaredType) {
    case "BIGINT":
      return BigInt(value as bigint | number);
    case "BOOLEAN":
      return Number(value) !== 0;
    case "DATETIME":
      return new Date(typeof value === "string" ? value : Number(value));
    case "BLOB":
      return new Uint8Array(value as Buffer);
    default:
      return typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  }
}

export function sqliteQuery<T>(query: Prisma.Sql): T[] {
  const prepared = statement(query.sql);
  const columns = prepared.columns();
  const rows = prepared.safeIntegers(true).all(...query.values.map(toSqlite));
  return rows.map((row) => {
    const typed: Record<string, unknown> = {};
    for (const column of columns) typed[column.name] = fromSqlite(row[column.name], column.type);
    return typed as T;
  });
}
