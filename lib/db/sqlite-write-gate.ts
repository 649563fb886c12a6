import "#server-only";
import { Mutex } from "async-mutex";

/**
 * One writer at a time, per process, on SQLite: every Prisma transaction
 * (lib/db/sqlite-adapter.ts) and every direct write (lib/db/direct-sqlite.ts)
 * (lib/db/sqlite-writer.ts) holds this gate. SQLite allows one writer per
 * file, and a connection that finds the lock taken sleeps in SQLite's busy
 * handler: on the main thread (Prisma's connection) that sleep would stall
 * every request in flight. With the gate, in-process writers wait on a
 * promise instead, and only another process (the CLI) can meet the lock
 * taken. Kept on globalThis so every bundle of the app shares it.
 */
const globalForGate = globalThis as unknown as { vaultSqliteWriteGate?: Mutex };

export function sqliteWriteGate(): Mutex {
  globalForGate.vaultSqliteWriteGate ??= new Mutex();
  return globalForGate.vaultSqliteWriteGate;
}
