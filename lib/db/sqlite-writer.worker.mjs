// The SQLite writer thread (see lib/db/direct-sqlite.ts): runs each batch of
// statements as one BEGIN IMMEDIATE ... COMMIT on its own connection, so the
// commit's fsync (synchronous=FULL) waits here and not on the event loop that
// serves requests. Plain JavaScript: it is started by path, outside Next's
// bundles.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.path);
for (const pragma of workerData.pragmas) db.pragma(pragma);

const MAX_CACHED_STATEMENTS = 256;
const statements = new Map();
function statement(sql) {
  let prepared = statements.get(sql);
  if (!prepared) {
    if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

// Structured cloning turns Buffers into plain Uint8Arrays; better-sqlite3 binds only Buffers as blobs.
const toBindable = (value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value);

parentPort.on("message", ({ id, batch }) => {
  try {
    statement("BEGIN IMMEDIATE").run();
    let index = 0;
    try {
      for (; index < batch.length; index++) statement(batch[index].sql).run(...batch[index].values.map(toBindable));
      statement("COMMIT").run();
    } catch (error) {
      if (db.inTransaction) statement("ROLLBACK").run();
      throw Object.assign(error, { statementIndex: index });
    }
    parentPort.postMessage({ id });
  } catch (error) {
    const { message = error, code, statementIndex } = error ?? {};
    parentPort.postMessage({ id, error: { message: String(message), code, statementIndex } });
  }
});
