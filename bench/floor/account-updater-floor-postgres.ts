// The Account Updater floor's PostgreSQL store: one pg connection (the floor
// is one loop, one file at a time), named prepared statements, and a file's
// writes as one transaction of a few statements over unnest()ed arrays, one
// array per column, so the text is the same for every batch size.
import pg from "pg";
import { AU_ACTOR, AU_UPDATE_ACTION, CARD_COLUMNS, CARD_FROM, type AccountUpdaterFloorStore, type FloorCard } from "./account-updater-floor-store";
import { ELIGIBLE_CARD_TYPES } from "@/lib/account-updater/eligibility";

/** A timestamp as the product sends it: UTC wall-clock time, without a zone. */
const at = (date: Date) => date.toISOString().replace("Z", "");

const START_SQL = `INSERT INTO "AccountUpdaterRequest" ("merchantId", "method", "status", "requestDate", "selecting", "createdAt", "updatedAt")
  VALUES ($1, 'harvest_cust_vault', 'INPROGRESS', $2, true, $3, $3) RETURNING "id"`;

const CARDS_SQL = `SELECT ${CARD_COLUMNS} ${CARD_FROM}
  WHERE c."merchantId" = $1 AND c."id" > $2 AND NOT c."auHold" AND c."replacedBy" IS NULL
    AND c."cardType" IN (${ELIGIBLE_CARD_TYPES.map((type) => `'${type}'`).join(", ")})
  ORDER BY c."id" LIMIT $3`;

// $1 request, $2 cards, $3 answered, $4 update, $5 now, $6 done, $7 response date.
const REQUEST_SQL = `UPDATE "AccountUpdaterRequest" SET "cntRequest" = "cntRequest" + $2, "cntResponse" = "cntResponse" + $3, "cntUpdate" = "cntUpdate" + $4,
    "updatedAt" = $5, "status" = CASE WHEN $6 THEN 'COMPLETED' ELSE "status" END, "selecting" = NOT $6,
    "responseDate" = CASE WHEN $6 THEN $7 ELSE "responseDate" END
  WHERE "id" = $1 AND "status" = 'INPROGRESS'`;

// $1 request, $2 merchant, $3 now, $4 network reference, $5 sent day, $6 response date; then one array per column.
const RESULTS_SQL = `WITH "results" AS (
    INSERT INTO "AccountUpdaterResult" ("requestId", "merchantId", "cardId", "fingerprint", "maskedNumber", "cardType", "expDate",
      "maskedNumberNew", "expDateNew", "reasonCode", "responseDate", "applied", "createdAt")
    SELECT $1, $2, u."cardId", u."fingerprint", u."maskedNumber", u."cardType", u."expDate", u."maskedNumberNew", u."expDateNew", u."reasonCode", $6, u."applied", $3
    FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[]) WITH ORDINALITY
      AS u("cardId", "fingerprint", "maskedNumber", "cardType", "expDate", "maskedNumberNew", "expDateNew", "reasonCode", "applied", n)
    ORDER BY n
    RETURNING "id")
  INSERT INTO "AccountUpdaterFile" ("requestId", "merchantId", "firstResultId", "lastResultId", "network", "networkRef", "sentDay", "doneAt", "createdAt")
  SELECT $1, $2, MIN("id"), MAX("id"), 'sandbox', $4, $5, $3, $3 FROM "results"`;

// $1 merchant, $2 now; then one array per column.
const CHANGES_SQL = `UPDATE "Card" c SET "expDate" = u."expDate", "sealedNumber" = COALESCE(u."sealed", c."sealedNumber"),
    "kekVersion" = COALESCE(u."kekVersion", c."kekVersion"), "maskedNumber" = COALESCE(u."masked", c."maskedNumber"),
    "cardType" = COALESCE(u."cardType", c."cardType"), "fingerprint" = COALESCE(u."fingerprint", c."fingerprint"),
    "replacedBy" = CASE WHEN u."fingerprint" IS NULL THEN c."replacedBy" ELSE NULL END, "updatedAt" = $2
  FROM unnest($3::text[], $4::text[], $5::text[], $6::bytea[], $7::int[], $8::text[], $9::text[], $10::text[])
    AS u("id", "answered", "expDate", "sealed", "kekVersion", "masked", "cardType", "fingerprint")
  WHERE c."id" = u."id" AND c."merchantId" = $1 AND c."fingerprint" = u."answered"`;

// $1 merchant, $2 now, $3 actor, $4 action; $5 card ids; $6.. events.
const AUDIT_AND_EVENTS_SQL = `WITH "audit" AS (
    INSERT INTO "AuditLog" ("merchantId", "actor", "action", "targetType", "targetId", "clientAddress", "requestId", "createdAt")
    SELECT $1, $3, $4, 'card', u."id", NULL, NULL, $2 FROM unnest($5::text[]) WITH ORDINALITY AS u("id", n) ORDER BY n)
  INSERT INTO "Event" ("eventId", "merchantId", "type", "payload", "webhookId", "createdAt")
  SELECT u."eventId", $1, u."type", u."payload", NULL, $2 FROM unnest($6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS u("eventId", "type", "payload", n)
  ORDER BY n`;

export async function openPostgresAccountUpdaterStore(connectionString: string): Promise<AccountUpdaterFloorStore> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    async startRequest(merchantId, requestDate, now) {
      const { rows } = await client.query<{ id: number }>({ name: "floor_au_start", text: START_SQL, values: [merchantId.toString(), requestDate, at(now)] });
      return Number(rows[0]!.id);
    },
    async cards(merchantId, after, limit) {
      const { rows } = await client.query<FloorCard>({ name: "floor_au_cards", text: CARDS_SQL, values: [merchantId.toString(), after, limit] });
      return rows;
    },
    async write(batch) {
      const merchant = batch.merchantId.toString();
      const now = at(batch.now);
      const column = <K extends keyof (typeof batch.results)[number]>(key: K) => batch.results.map((r) => r[key]);
      const change = <K extends keyof (typeof batch.changes)[number]>(key: K) => batch.changes.map((c) => c[key]);
      await client.query("BEGIN");
      try {
        // The request's row first, as the product's apply does: a cancelled request takes nothing.
        const open = await client.query({
          name: "floor_au_request",
          text: REQUEST_SQL,
          values: [batch.requestId, batch.results.length, batch.results.length, batch.cntUpdate, now, batch.last, batch.responseDate],
        });
        if (open.rowCount !== 1) throw new Error(`request ${batch.requestId} is no longer in progress`);
        if (batch.results.length > 0) {
          await client.query({
            name: "floor_au_results",
            text: RESULTS_SQL,
            values: [
              ...[batch.requestId, merchant, now, batch.networkRef, batch.sentDay, batch.responseDate],
              ...[column("cardId"), column("fingerprint"), column("maskedNumber"), column("cardType"), column("expDate")],
              ...[column("maskedNumberNew"), column("expDateNew"), column("reasonCode"), column("applied")],
            ],
          });
        }
        if (batch.changes.length > 0) {
          const changed = await client.query({
            name: "floor_au_changes",
            text: CHANGES_SQL,
            values: [
              ...[merchant, now, change("id"), change("answeredFingerprint"), change("expDate")],
              ...[change("sealedNumber").map((bytes) => (bytes === null ? null : Buffer.from(bytes))), change("kekVersion")],
              ...[change("maskedNumber"), change("cardType"), change("fingerprint")],
            ],
          });
          if (changed.rowCount !== batch.changes.length) throw new Error("a card changed while the floor answered it, which the floor does not handle");
        }
        if (batch.changes.length > 0 || batch.events.length > 0) {
          await client.query({
            name: "floor_au_audit_events",
            text: AUDIT_AND_EVENTS_SQL,
            values: [
              ...[merchant, now, AU_ACTOR, AU_UPDATE_ACTION, change("id")],
              ...[batch.events.map((e) => e.eventId), batch.events.map((e) => e.type), batch.events.map((e) => e.payload)],
            ],
          });
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    close: () => client.end(),
  };
}
