import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/** How long a writer waits for another process's lock (the CLI, a worker) before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The better-sqlite3 adapter with the connection settings a vault needs.
 * better-sqlite3 opens WAL databases with synchronous=NORMAL, where a power
 * loss can undo the last commits: a card_id the API already handed out could
 * vanish. FULL syncs the WAL on every commit (about 0.5 ms here). The adapter
 * has no hook for pragmas, so this sets it on the connection it opens.
 */
type SqliteClientShape = { pragma: (sql: string) => unknown; prepare: (sql: string) => unknown };

export class DurableSqliteAdapterFactory extends PrismaBetterSQLite3 {
  constructor(url: string) {
    super({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  }

  override async connect(): ReturnType<PrismaBetterSQLite3["connect"]> {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: SqliteClientShape }).client;
    if (!client) throw new Error("better-sqlite3 adapter changed shape: cannot configure the connection");
    client.pragma("synchronous = FULL");
    client.pragma("foreign_keys = ON");
    // The adapter opens transactions with a plain (deferred) BEGIN. When a
    // deferred transaction has read and then wants to write after another
    // process (the CLI, a worker) committed, SQLite fails at once with
    // SQLITE_BUSY instead of waiting for busy_timeout. Every transaction here
    // writes, so take the write lock at BEGIN, where busy_timeout applies.
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}
