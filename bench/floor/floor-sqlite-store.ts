// The floor's SQLite store: better-sqlite3 connections with the product's
// pragmas (lib/db/sqlite-connection.ts: synchronous=FULL on the WAL file the
// migration made, foreign keys, the busy timeout) and prepared statements.
// Reads run on the main thread; the add-customer write runs as one
// transaction on a writer thread (floor-sqlite-writer.worker.mjs), so the
// commit's fsync does not stall the event loop, as in the product.
// FLOOR_SQLITE_WRITES=main runs the write on the main thread instead.
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { SQLITE_PRAGMAS } from "@/lib/db/sqlite-connection";
import {
  API_KEY_SQL,
  AUDIT_COLUMNS,
  CARD_COLUMNS,
  CUSTOMER_COLUMNS,
  CUSTOMER_READ_SQL,
  EVENT_COLUMNS,
  rowValues,
  SALE_CARD_SQL,
  saleRowValues,
  TOUCH_API_KEY_SQL,
  TRANSACTION_COLUMNS,
  type CustomerJoinRow,
  type FloorStore,
  type NewCustomerWrite,
  type NewSaleWrite,
  type SaleCardRow,
} from "./floor-store";

// better-sqlite3 binds positional parameters as "?".
const positional = (sql: string) => sql.replace(/\$\d+/g, "?");
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

const INSERT_SQL = {
  customer: `INSERT INTO "Customer" (${CUSTOMER_COLUMNS}) VALUES (${placeholders(12)})`,
  card: `INSERT INTO "Card" (${CARD_COLUMNS}) VALUES (${placeholders(24)})`,
  audit: `INSERT INTO "AuditLog" (${AUDIT_COLUMNS}) VALUES (${placeholders(8)})`,
  event: `INSERT INTO "Event" (${EVENT_COLUMNS}) VALUES (${placeholders(6)})`,
  transaction: `INSERT INTO "Transaction" (${TRANSACTION_COLUMNS}) VALUES (${placeholders(28)})`,
};

/** A value as the product stores it on SQLite (lib/db/direct-sqlite.ts toSqlite, Prisma's adapter). */
function toSqlite(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}
const bind = (values: unknown[]) => values.map(toSqlite);

/** The write's rows with every value as SQLite stores it. */
function sqliteRows(w: NewCustomerWrite) {
  const rows = rowValues(w);
  return {
    customer: bind(rows.customer),
    cards: rows.cards.map((card) => ({ before: bind(card.before), after: bind(card.after) })),
    audit: rows.audit.map(bind),
    events: rows.events.map(bind),
  };
}
type SqliteRows = ReturnType<typeof sqliteRows>;
type Outcome = "ok" | "taken";

/** A sale's rows with every value as SQLite stores it. */
function sqliteSaleRows(w: NewSaleWrite) {
  const rows = saleRowValues(w);
  return { transaction: bind(rows.transaction), audit: bind(rows.audit), event: bind(rows.event) };
}
type SaleRows = ReturnType<typeof sqliteSaleRows>;
/** A write the writer runs: an add-customer's rows, or a sale's. */
type WriteMessage = { kind: "customer"; rows: SqliteRows } | { kind: "sale"; rows: SaleRows };

/** The write on this thread, for FLOOR_SQLITE_WRITES=main. */
function mainThreadWriter(db: Database.Database): (message: WriteMessage) => Promise<Outcome> {
  const insert = Object.fromEntries(Object.entries(INSERT_SQL).map(([name, sql]) => [name, db.prepare(sql)])) as Record<
    keyof typeof INSERT_SQL,
    Database.Statement
  >;
  const write = db.transaction((message: WriteMessage) => {
    if (message.kind === "sale") {
      insert.transaction.run(...message.rows.transaction);
      insert.audit.run(...message.rows.audit);
      insert.event.run(...message.rows.event);
      return;
    }
    const rows = message.rows;
    const { lastInsertRowid: customerPk } = insert.customer.run(...rows.customer);
    for (const card of rows.cards) insert.card.run(...card.before, customerPk, ...card.after);
    for (const audit of rows.audit) insert.audit.run(...audit);
    for (const event of rows.events) insert.event.run(...event);
  });
  return async (message) => {
    try {
      write.immediate(message);
      return "ok";
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return "taken";
      throw error;
    }
  };
}

function writerThread(file: string): (message: WriteMessage) => Promise<Outcome> {
  const worker = new Worker(join(import.meta.dirname, "floor-sqlite-writer.worker.mjs"), { workerData: { file, pragmas: SQLITE_PRAGMAS, sql: INSERT_SQL } });
  const pending = new Map<number, { resolve: (outcome: Outcome) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  worker.on("message", ({ id, outcome, error }: { id: number; outcome?: Outcome; error?: string }) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (error !== undefined) waiting?.reject(new Error(error));
    else waiting?.resolve(outcome as Outcome);
  });
  worker.on("error", (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  return (message) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
}

export function openSqliteStore(file: string): FloorStore {
  const db = new Database(file);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  // safeIntegers: the 12-digit merchant id comes back as a bigint, as the product reads it.
  const apiKey = db.prepare<unknown[], { id: bigint; merchantId: bigint; revokedAt: string | null }>(positional(API_KEY_SQL)).safeIntegers(true);
  const touch = db.prepare(positional(TOUCH_API_KEY_SQL));
  const read = db.prepare<unknown[], CustomerJoinRow>(positional(CUSTOMER_READ_SQL));
  const saleCard = db.prepare<unknown[], SaleCardRow>(positional(SALE_CARD_SQL));
  const write = process.env.FLOOR_SQLITE_WRITES === "main" ? mainThreadWriter(db) : writerThread(file);

  return {
    async apiKeyByHash(hash) {
      const row = apiKey.get(hash);
      return row ? { id: Number(row.id), merchantId: row.merchantId, revoked: row.revokedAt !== null } : undefined;
    },
    async touchApiKey(id, at) {
      touch.run(toSqlite(at), id);
    },
    insertCustomer: (w) => write({ kind: "customer", rows: sqliteRows(w) }),
    async saleCard(merchantId, cardId) {
      return saleCard.get(cardId, merchantId);
    },
    async insertSale(w) {
      await write({ kind: "sale", rows: sqliteSaleRows(w) });
    },
    async customerRows(merchantId, customerId) {
      return read.all(merchantId, customerId);
    },
  };
}
