import "#server-only";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Prisma } from "./sql";
import { toSqlite } from "./direct-sqlite";
import { SQLITE_PRAGMAS, sqliteFilePath } from "./sqlite-connection";
import { sqliteWriteGate } from "./sqlite-write-gate";

// Direct writes on SQLite run on a writer thread with its own connection
// (lib/db/sqlite-writer.worker.mjs): with synchronous=FULL every commit waits
// for an fsync (0.3 to 0.5 ms here), and better-sqlite3 is synchronous, so on
// the main thread that wait would stall every request in flight. See
// docs/decisions/004-direct-sql-on-hot-paths.md.

type WriterReply = { id: number; error?: { message: string; code?: string; statementIndex?: number } };
type Writer = { worker: Worker; pending: Map<number, { resolve: () => void; reject: (error: Error) => void }>; nextId: number };
const globalForWriter = globalThis as unknown as { vaultSqliteWriter?: Writer };

// Started by path from the working directory, the project root (npm start,
// the CLI and the tests run there; relative DATABASE_URLs assume it too).
// The path must stay opaque to Next's bundler: given anything it can trace
// (an environment variable, import.meta), it bundles the worker's entry point
// into a module context and the thread fails to start.
function writer(): Writer {
  if (globalForWriter.vaultSqliteWriter) return globalForWriter.vaultSqliteWriter;
  const worker = new Worker(join(process.cwd(), "lib/db/sqlite-writer.worker.mjs"), {
    workerData: { path: sqliteFilePath(), pragmas: SQLITE_PRAGMAS },
  });
  // Referenced only while a write is waiting: an idle writer never keeps a
  // process (the CLI, a test) alive, and a waiting one is not cut off.
  worker.unref();
  const state: Writer = { worker, pending: new Map(), nextId: 1 };
  worker.on("message", ({ id, error }: WriterReply) => {
    const waiting = state.pending.get(id);
    state.pending.delete(id);
    if (state.pending.size === 0) worker.unref();
    if (!error) return waiting?.resolve();
    waiting?.reject(Object.assign(new Error(error.message), { code: error.code, statementIndex: error.statementIndex }));
  });
  const fail = (error: Error) => {
    if (globalForWriter.vaultSqliteWriter === state) delete globalForWriter.vaultSqliteWriter;
    for (const waiting of state.pending.values()) waiting.reject(error);
    state.pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`SQLite writer thread exited with code ${code}`)));
  globalForWriter.vaultSqliteWriter = state;
  return state;
}

/**
 * Runs the statements as one transaction on the writer thread. The gate is
 * held until the commit is on disk, so a Prisma transaction never meets the
 * write lock taken.
 */
export async function sqliteWriteAtomically(statements: Prisma.Sql[]): Promise<void> {
  const batch = statements.map((query) => ({ sql: query.sql, values: query.values.map(toSqlite) }));
  await sqliteWriteGate().runExclusive(
    () =>
      new Promise<void>((resolve, reject) => {
        const state = writer();
        const id = state.nextId++;
        if (state.pending.size === 0) state.worker.ref();
        state.pending.set(id, { resolve, reject });
        state.worker.postMessage({ id, batch });
      }),
  );
}
