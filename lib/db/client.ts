import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { getEnv } from "../env";

// Both generated clients have the same models and methods (the PostgreSQL
// schema is generated from the SQLite one), so the SQLite client's type
// stands for both.
export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { vaultDb?: Db };

/** SQLite journal settings: WAL lets readers run beside the one writer. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

function createDb(): Db {
  const env = getEnv();
  if (env.databaseProvider === "sqlite") {
    const adapter = new PrismaBetterSQLite3({ url: env.DATABASE_URL, timeout: SQLITE_BUSY_TIMEOUT_MS });
    return new SqliteClient({ adapter });
  }
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  return new PostgresClient({ adapter }) as unknown as Db;
}

/** The process-wide Prisma client for the configured database. */
export function getDb(): Db {
  globalForDb.vaultDb ??= createDb();
  return globalForDb.vaultDb;
}

/** Which database this process talks to. */
export function dbProvider(): "sqlite" | "postgres" {
  return getEnv().databaseProvider;
}
