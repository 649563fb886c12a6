// The Account Updater floor's SQLite store: one better-sqlite3 connection
// with the product's pragmas (lib/db/sqlite-connection.ts), prepared
// statements, and a file's writes as one transaction of single-row
// statements, on this thread: the floor is one loop with nothing else to
// serve.
import Database from "better-sqlite3";
import { SQLITE_PRAGMAS } from "@/lib/db/sqlite-connection";
import { ELIGIBLE_CARD_TYPES } from "@/lib/account-updater/eligibility";
import {
  AU_ACTOR,
  AU_UPDATE_ACTION,
  CARD_COLUMNS,
  CARD_FROM,
  type AccountUpdaterFloorStore,
  type FloorBatch,
  type FloorCard,
} from "./account-updater-floor-store";

/** A timestamp as the product stores it on SQLite (lib/db/direct-sqlite.ts toSqlite). */
const at = (date: Date) => date.toISOString().replace("Z", "+00:00");

const SQL = {
  start: `INSERT INTO "AccountUpdaterRequest" ("merchantId", "method", "status", "requestDate", "selecting", "createdAt", "updatedAt")
    VALUES (?, 'harvest_cust_vault', 'INPROGRESS', ?, 1, ?, ?)`,
  cards: `SELECT ${CARD_COLUMNS} ${CARD_FROM}
    WHERE c."merchantId" = ? AND c."id" > ? AND NOT c."auHold" AND c."replacedBy" IS NULL
      AND c."cardType" IN (${ELIGIBLE_CARD_TYPES.map((type) => `'${type}'`).join(", ")})
    ORDER BY c."id" LIMIT ?`,
  request: `UPDATE "AccountUpdaterRequest" SET "cntRequest" = "cntRequest" + ?, "cntResponse" = "cntResponse" + ?, "cntUpdate" = "cntUpdate" + ?,
      "updatedAt" = ?, "status" = CASE WHEN ? THEN 'COMPLETED' ELSE "status" END, "selecting" = NOT ?,
      "responseDate" = CASE WHEN ? THEN ? ELSE "responseDate" END
    WHERE "id" = ? AND "status" = 'INPROGRESS'`,
  result: `INSERT INTO "AccountUpdaterResult" ("requestId", "merchantId", "cardId", "fingerprint", "maskedNumber", "cardType", "expDate",
      "maskedNumberNew", "expDateNew", "reasonCode", "responseDate", "applied", "createdAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  file: `INSERT INTO "AccountUpdaterFile" ("requestId", "merchantId", "firstResultId", "lastResultId", "network", "networkRef", "sentDay", "doneAt", "createdAt")
    VALUES (?, ?, ?, ?, 'sandbox', ?, ?, ?, ?)`,
  change: `UPDATE "Card" SET "expDate" = ?, "sealedNumber" = COALESCE(?, "sealedNumber"), "kekVersion" = COALESCE(?, "kekVersion"),
      "maskedNumber" = COALESCE(?, "maskedNumber"), "cardType" = COALESCE(?, "cardType"), "fingerprint" = COALESCE(?, "fingerprint"),
      "replacedBy" = CASE WHEN ? IS NULL THEN "replacedBy" ELSE NULL END, "updatedAt" = ?
    WHERE "id" = ? AND "merchantId" = ? AND "fingerprint" = ?`,
  audit: `INSERT INTO "AuditLog" ("merchantId", "actor", "action", "targetType", "targetId", "clientAddress", "requestId", "createdAt")
    VALUES (?, ?, ?, 'card', ?, NULL, NULL, ?)`,
  event: `INSERT INTO "Event" ("eventId", "merchantId", "type", "payload", "webhookId", "createdAt") VALUES (?, ?, ?, ?, NULL, ?)`,
};

export async function openSqliteAccountUpdaterStore(path: string): Promise<AccountUpdaterFloorStore> {
  const db = new Database(path);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  const statement = Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as Record<keyof typeof SQL, Database.Statement>;

  const write = db.transaction((batch: FloorBatch) => {
    const now = at(batch.now);
    const done = batch.last ? 1 : 0;
    const m = batch.merchantId;
    const n = batch.results.length;
    // The request's row first, as the product's apply does: a cancelled request takes nothing.
    const open = statement.request.run(n, n, batch.cntUpdate, now, done, done, done, batch.responseDate, batch.requestId);
    if (open.changes !== 1) throw new Error(`request ${batch.requestId} is no longer in progress`);
    let first = 0;
    let last = 0;
    for (const r of batch.results) {
      const id = Number(
        statement.result.run(
          ...[batch.requestId, m, r.cardId, r.fingerprint, r.maskedNumber, r.cardType, r.expDate],
          ...[r.maskedNumberNew, r.expDateNew, r.reasonCode, batch.responseDate, r.applied, now],
        ).lastInsertRowid,
      );
      first ||= id;
      last = id;
    }
    if (n > 0) statement.file.run(batch.requestId, m, first, last, batch.networkRef, batch.sentDay, now, now);
    for (const c of batch.changes) {
      const sealed = c.sealedNumber === null ? null : Buffer.from(c.sealedNumber);
      const changed = statement.change.run(
        c.expDate,
        sealed,
        c.kekVersion,
        c.maskedNumber,
        c.cardType,
        c.fingerprint,
        c.fingerprint,
        now,
        c.id,
        m,
        c.answeredFingerprint,
      );
      if (changed.changes !== 1) throw new Error("a card changed while the floor answered it, which the floor does not handle");
    }
    for (const c of batch.changes) statement.audit.run(m, AU_ACTOR, AU_UPDATE_ACTION, c.id, now);
    for (const e of batch.events) statement.event.run(e.eventId, m, e.type, e.payload, now);
  });

  return {
    async startRequest(merchantId, requestDate, now) {
      return Number(statement.start.run(merchantId, requestDate, at(now), at(now)).lastInsertRowid);
    },
    async cards(merchantId, after, limit) {
      return statement.cards.all(merchantId, after, limit) as FloorCard[];
    },
    async write(batch) {
      write(batch);
    },
    async close() {
      db.close();
    },
  };
}
