// The billing floor's PostgreSQL store: one pg connection (the floor is one
// loop, one batch at a time), named prepared statements, and each of a
// batch's two writes as ONE statement: its inserts and updates chained as
// data-modifying CTEs over unnest()ed arrays, one array per column, so the
// text is the same for every batch size and a batch costs one round trip
// (atomic on its own: no BEGIN and COMMIT round trips).
import pg from "pg";
import { UNKNOWN_OUTCOME } from "@/lib/payments/pg-answers";
import { BILLING_ACTOR, CHARGE_AUDIT_ACTION, DUE_COLUMNS, DUE_FROM, type BillingFloorStore, type DueRow } from "./billing-floor-store";

const INT8 = 20;
const BYTEA = 17;
const TIMESTAMP = 1114;
const parseBytea = pg.types.getTypeParser(BYTEA, "text");
// Read back as the product reads them (lib/db/direct-postgres.ts): int8 as bigint, bytea as a Uint8Array.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === BYTEA) return (text: string) => new Uint8Array(parseBytea(text) as Buffer);
    if (oid === TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** A timestamp as the product sends it: UTC wall-clock time, without a zone. */
const at = (date: Date) => date.toISOString().replace("Z", "");

const DUE_SQL = `SELECT ${DUE_COLUMNS} ${DUE_FROM}
  WHERE s."merchantId" = $1 AND s."status" = 'A' AND s."dueDay" <= $2 AND NOT s."heldForReview" AND s."chargingPgId" IS NULL
  ORDER BY s."dueDay", s."id" LIMIT $3`;

// $1 merchant, $2 connector, $3 now; then one array per column.
const RESERVE_SQL = `WITH "ledger" AS (
    INSERT INTO "BillingCharge" ("merchantId", "subscriptionId", "seq", "attempt", "kind", "cycleDay", "amountMinor", "currency", "state", "pgId", "createdAt", "updatedAt")
    SELECT $1, u."subscriptionId", u."seq", u."attempt", u."kind", u."cycleDay", u."amountMinor", u."currency", 'pending', u."pgId", $3, $3
    FROM unnest($4::int[], $5::int[], $6::int[], $7::text[], $8::int[], $9::bigint[], $10::int[], $11::text[])
      AS u("subscriptionId", "seq", "attempt", "kind", "cycleDay", "amountMinor", "currency", "pgId")),
  "pending" AS (
    INSERT INTO "Transaction" ("pgId", "merchantId", "type", "status", "currency", "amountMinor", "approvedMinor", "capturedMinor", "refundedMinor",
      "cardId", "customerId", "maskedNumber", "cardType", "cardFingerprint", "rcode", "rmsg", "authCode", "avsResult", "cvvResult",
      "merchRefNum", "purchaseId", "originalId", "checkoutId", "subscriptionId", "connector", "upstreamPgId", "settlesAt", "createdAt", "updatedAt")
    SELECT u."pgId", $1, 'sale', 'F', u."currency", u."amountMinor", 0, 0, 0,
      u."cardId", u."customerId", u."maskedNumber", u."cardType", u."fingerprint", $12, $13, NULL, NULL, NULL,
      u."merchRefNum", u."purchaseId", NULL, NULL, u."subscriptionId", $2, NULL, NULL, $3, $3
    FROM unnest($11::text[], $10::int[], $9::bigint[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $4::int[])
      AS u("pgId", "currency", "amountMinor", "cardId", "customerId", "maskedNumber", "cardType", "fingerprint", "merchRefNum", "purchaseId", "subscriptionId"))
  UPDATE "Subscription" s SET "chargingPgId" = u."pgId", "nextAttempt" = u."attempt" + 1, "updatedAt" = $3
  FROM unnest($4::int[], $11::text[], $6::int[]) AS u("id", "pgId", "attempt")
  WHERE s."id" = u."id"`;

// $1 merchant, $2 now, $3 actor, $4 audit action; then one array per column.
const RECORD_SQL = `WITH "outcome" AS (
    UPDATE "Transaction" t SET "status" = 'C', "rcode" = u."rcode", "rmsg" = u."rmsg", "approvedMinor" = u."approved", "capturedMinor" = u."approved",
      "authCode" = u."authCode", "avsResult" = NULL, "cvvResult" = NULL, "upstreamPgId" = NULL, "settlesAt" = u."settlesAt", "updatedAt" = $2
    FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::timestamp(3)[]) AS u("pgId", "rcode", "rmsg", "authCode", "approved", "settlesAt")
    WHERE t."pgId" = u."pgId"),
  "ledger" AS (
    UPDATE "BillingCharge" b SET "state" = 'approved', "rcode" = u."rcode", "updatedAt" = $2
    FROM unnest($5::text[], $6::text[]) AS u("pgId", "rcode") WHERE b."pgId" = u."pgId"),
  "cursor" AS (
    UPDATE "Subscription" s SET "nextSeq" = u."nextSeq", "declines" = 0, "dueDay" = CASE WHEN s."status" = 'A' THEN u."dueDay" ELSE s."dueDay" END,
      "chargingPgId" = NULL, "claimedBy" = NULL, "claimUntil" = NULL, "updatedAt" = $2
    FROM unnest($11::int[], $5::text[], $12::int[], $13::int[]) AS u("id", "pgId", "nextSeq", "dueDay")
    WHERE s."id" = u."id" AND s."chargingPgId" = u."pgId"),
  "events" AS (
    INSERT INTO "Event" ("eventId", "merchantId", "type", "payload", "webhookId", "createdAt")
    SELECT u."eventId", $1, u."type", u."payload", NULL, $2 FROM unnest($14::text[], $15::text[], $16::text[]) WITH ORDINALITY AS u("eventId", "type", "payload", n)
    ORDER BY n)
  INSERT INTO "AuditLog" ("merchantId", "actor", "action", "targetType", "targetId", "clientAddress", "requestId", "createdAt")
  SELECT $1, $3, $4, 'transaction', u."pgId", NULL, NULL, $2 FROM unnest($5::text[]) WITH ORDINALITY AS u("pgId", n) ORDER BY n`;

type PgDueRow = Omit<DueRow, "billSpecificDay" | "prorateFirstPayment"> & { billSpecificDay: boolean; prorateFirstPayment: boolean };

export async function openPostgresBillingStore(connectionString: string): Promise<BillingFloorStore> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    async due(merchantId, today, limit) {
      const { rows } = await client.query<PgDueRow>({ name: "floor_billing_due", text: DUE_SQL, values: [merchantId.toString(), today, limit], types });
      return rows;
    },
    async reserve(merchantId, charges, connector, now) {
      const column = <K extends keyof (typeof charges)[number]>(key: K) => charges.map((c) => c[key]);
      await client.query({
        name: "floor_billing_reserve",
        text: RESERVE_SQL,
        values: [
          ...[merchantId.toString(), connector, at(now)],
          ...[column("subscriptionId"), column("seq"), column("attempt"), column("kind"), column("cycleDay")],
          ...[charges.map((c) => c.amountMinor.toString()), column("currency"), column("pgId"), UNKNOWN_OUTCOME.rcode, UNKNOWN_OUTCOME.rmsg],
          ...[column("cardId"), column("customerId"), column("maskedNumber"), column("cardType"), column("fingerprint")],
          ...[column("merchRefNum"), column("purchaseId")],
        ],
      });
    },
    async record(merchantId, approved, now) {
      const column = <K extends keyof (typeof approved)[number]>(key: K) => approved.map((c) => c[key]);
      const events = approved.flatMap((c) => c.events);
      await client.query({
        name: "floor_billing_record",
        text: RECORD_SQL,
        values: [
          ...[merchantId.toString(), at(now), BILLING_ACTOR, CHARGE_AUDIT_ACTION],
          ...[column("pgId"), column("rcode"), column("rmsg"), column("authCode"), approved.map((c) => c.approvedMinor.toString())],
          ...[approved.map((c) => at(c.settlesAt)), column("subscriptionId"), column("nextSeq"), column("dueDay")],
          ...[events.map((e) => e.eventId), events.map((e) => e.type), events.map((e) => e.payload)],
        ],
      });
    },
    close: () => client.end(),
  };
}
