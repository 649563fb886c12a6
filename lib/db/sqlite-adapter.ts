import "#server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { configureSqliteConnection, SQLITE_BUSY_TIMEOUT_MS } from "./sqlite-connection";
import { sqliteWriteGate } from "./sqlite-write-gate";

type SqliteClientShape = { pragma: (sql: string) => unknown; prepare: (sql: string) => unknown };
type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * The better-sqlite3 adapter with the connection settings a vault needs
 * (lib/db/sqlite-connection.ts), and its transactions made to take turns
 * with the direct writes of lib/db/direct-sqlite.ts. The adapter has no hook
 * for either, so this adjusts the connection and adapter it creates.
 */
export class DurableSqliteAdapterFactory extends PrismaBetterSQLite3 {
  constructor(url: string) {
    super({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  }

  override async connect(): ReturnType<PrismaBetterSQLite3["connect"]> {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: SqliteClientShape }).client;
    if (!client) throw new Error("better-sqlite3 adapter changed shape: cannot configure the connection");
    configureSqliteConnection(client);
    // The adapter opens transactions with a plain (deferred) BEGIN. When a
    // deferred transaction has read and then wants to write after another
    // process (the CLI, a worker) committed, SQLite fails at once with
    // SQLITE_BUSY instead of waiting for busy_timeout. Every transaction here
    // writes, so take the write lock at BEGIN, where busy_timeout applies.
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    gateTransactions(adapter);
    return adapter;
  }
}

// A Prisma transaction holds the process's SQLite write gate from BEGIN until
// it commits or rolls back.
function gateTransactions(adapter: Adapter): void {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const release = await sqliteWriteGate().acquire();
    let transaction: Transaction;
    try {
      transaction = await start(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const commit = transaction.commit.bind(transaction);
    const rollback = transaction.rollback.bind(transaction);
    transaction.commit = () => commit().finally(release);
    transaction.rollback = () => rollback().finally(release);
    return transaction;
  };
}
