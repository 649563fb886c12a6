import "#server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { getEnv } from "../env";
import { logger } from "../log/logger";
import { DurableSqliteAdapterFactory } from "./sqlite-adapter";

// Both generated clients have the same models and methods (the PostgreSQL
// schema is generated from the SQLite one), so the SQLite client's type
// stands for both.
export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { vaultDb?: Db; vaultPgPool?: pg.Pool };

// On SQLite the driver adapter holds ONE connection per process and
// serialises transactions with a mutex, but a query issued outside a
// transaction runs on that same connection, inside whatever transaction is
// open. So every write goes through $transaction (even a single statement):
// then no write can join, or be rolled back with, another request's
// transaction. Reads outside transactions are fine.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

function createDb(): Db {
  const env = getEnv();
  if (env.databaseProvider === "sqlite") {
    const adapter = new DurableSqliteAdapterFactory(env.DATABASE_URL);
    return new SqliteClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  }
  // Prisma ends the shared pool when it disconnects (the CLI, at exit).
  const adapter = new PrismaPg(getPostgresPool(), { disposeExternalPool: true });
  return new PostgresClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
}

/** The process-wide Prisma client for the configured database. */
export function getDb(): Db {
  globalForDb.vaultDb ??= createDb();
  return globalForDb.vaultDb;
}

/** The process-wide PostgreSQL pool, shared by Prisma and lib/db/direct-sql.ts. */
export function getPostgresPool(): pg.Pool {
  const env = getEnv();
  if (!globalForDb.vaultPgPool) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
    // An idle connection that breaks (a database restart) is dropped and
    // replaced by the pool; unheard, the error would end the process.
    pool.on("error", (error) => logger.warn({ err: error }, "idle PostgreSQL connection failed"));
    globalForDb.vaultPgPool = pool;
  }
  return globalForDb.vaultPgPool;
}

/** Which database this process talks to. */
export function dbProvider(): "sqlite" | "postgres" {
  return getEnv().databaseProvider;
}
