import "server-only";
import { Mutex } from "async-mutex";

/**
 * One writer at a time, per process, on SQLite: every Prisma transaction
 * (lib/db/sqlite-adapter.ts) and every direct write (lib/db/direct-sqlite.ts)
 * holds this gate. SQLite itself allows one writer; without the gate a direct
 * write would find the file locked by a Prisma transaction that cannot
 * progress while the synchronous driver waits on the event loop, and stall
 * until busy_timeout. Kept on globalThis so every bundle of the app shares it.
 */
const globalForGate = globalThis as unknown as { vaultSqliteWriteGate?: Mutex };

export function sqliteWriteGate(): Mutex {
  globalForGate.vaultSqliteWriteGate ??= new Mutex();
  return globalForGate.vaultSqliteWriteGate;
}
