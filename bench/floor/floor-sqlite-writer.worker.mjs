// The floor's SQLite writer thread: its own better-sqlite3 connection with
// the product's pragmas, each add-customer (or sale) write as one BEGIN IMMEDIATE ...
// COMMIT, so the commit's fsync (synchronous=FULL) waits here and not on
// the event loop, as the product's writer thread does
// (lib/db/sqlite-writer.worker.mjs). Plain JavaScript: started by path.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { file, pragmas, sql } = workerData;
const db = new Database(file);
for (const pragma of pragmas) db.pragma(pragma);
const insertCustomer = db.prepare(sql.customer);
const insertCard = db.prepare(sql.card);
const insertAudit = db.prepare(sql.audit);
const insertEvent = db.prepare(sql.event);
const insertTransaction = db.prepare(sql.transaction);

// Structured cloning turns Buffers into plain Uint8Arrays; better-sqlite3 binds only Buffers as blobs.
const bindable = (values) => values.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value));

const write = db.transaction((kind, rows) => {
  if (kind === "sale") {
    insertTransaction.run(...rows.transaction);
    insertAudit.run(...rows.audit);
    insertEvent.run(...rows.event);
    return;
  }
  const { lastInsertRowid: customerPk } = insertCustomer.run(...rows.customer);
  for (const card of rows.cards) insertCard.run(...bindable([...card.before, customerPk, ...card.after]));
  for (const audit of rows.audit) insertAudit.run(...audit);
  for (const event of rows.events) insertEvent.run(...event);
});

parentPort.on("message", ({ id, kind, rows }) => {
  try {
    write.immediate(kind, rows);
    parentPort.postMessage({ id, outcome: "ok" });
  } catch (error) {
    if (error?.code === "SQLITE_CONSTRAINT_UNIQUE") parentPort.postMessage({ id, outcome: "taken" });
    else parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
