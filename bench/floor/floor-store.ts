// What the floor server asks of its database, the same on SQLite and
// PostgreSQL: the API key lookup, the add-customer write and the customer
// read. Each store runs the statements on the product's own driver
// (better-sqlite3, pg) with nothing in between.

/** The ApiKey row the key lookup reads. */
export type ApiKeyRow = { id: number; merchantId: bigint; revoked: boolean };

/** A new card's row, sealed: the columns the product's insertCardRowsSql writes. */
export type CardValues = {
  id: string;
  fingerprint: string;
  maskedNumber: string;
  cardType: string;
  expDate: string;
  sealedNumber: Buffer;
  kekVersion: number;
  zip: string;
  isPrimary: boolean;
  createdAt: Date;
};

/** One AuditLog row (lib/audit/record-audit.ts). */
export type AuditValues = { action: string; targetType: string; targetId: string };

/** One Event row of the outbox (lib/events/record-event.ts). */
export type EventValues = { eventId: string; type: string; payload: string };

/** Everything adding a customer with its cards writes, in one transaction. */
export type NewCustomerWrite = {
  merchantId: bigint;
  customerId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  now: Date;
  cards: CardValues[];
  /** Who, for every audit row: "api_key:<id>", the client's address, the request id. */
  actor: string;
  clientAddress: string | null;
  requestId: string;
  audit: AuditValues[];
  events: EventValues[];
};

/** One row of the customer read: the customer's columns, one card's and one shipping address's (LEFT JOINs). */
export type CustomerJoinRow = {
  customerId: string;
  firstName: string | null;
  lastName: string | null;
  firmName: string | null;
  phone: string | null;
  email: string | null;
  referenceId: string | null;
  comments: string | null;
  developerId: string | null;
  card_id: string | null;
  card_maskedNumber: string | null;
  card_cardType: string | null;
  card_expDate: string | null;
  card_firstName: string | null;
  card_lastName: string | null;
  card_firmName: string | null;
  card_emails: string | null;
  card_addr1: string | null;
  card_addr2: string | null;
  card_city: string | null;
  card_state: string | null;
  card_zip: string | null;
  card_zip4: string | null;
  card_country: string | null;
  card_countryCode: string | null;
  card_isPrimary: boolean | number | null;
  ship_id: number | null;
  ship_firstName: string | null;
  ship_lastName: string | null;
  ship_firmName: string | null;
  ship_addr1: string | null;
  ship_addr2: string | null;
  ship_city: string | null;
  ship_state: string | null;
  ship_zip: string | null;
  ship_zip4: string | null;
  ship_country: string | null;
  ship_countryCode: string | null;
  ship_isPrimary: boolean | number | null;
};

/** The card a sale reads: the columns lib/payments/charge-card-source.ts reads, with the customer's id. */
export type SaleCardRow = {
  id: string;
  maskedNumber: string;
  cardType: string;
  expDate: string;
  fingerprint: string;
  sealedNumber: Uint8Array;
  customerId: string;
};

/** Everything a sandbox sale writes, in one transaction: its Transaction row, audit row and event (lib/payments/charge-card.ts). */
export type NewSaleWrite = {
  merchantId: bigint;
  now: Date;
  /** The Transaction row's values, in TRANSACTION_COLUMNS order. */
  transaction: unknown[];
  actor: string;
  clientAddress: string | null;
  requestId: string;
  audit: AuditValues;
  event: EventValues;
};

export interface FloorStore {
  /** The merchant's card by card_id, with its customer's id; undefined for none. */
  saleCard(merchantId: bigint, cardId: string): Promise<SaleCardRow | undefined>;
  insertSale(write: NewSaleWrite): Promise<void>;
  apiKeyByHash(hash: string): Promise<ApiKeyRow | undefined>;
  /** The human-facing "last used" time, written at most once a minute per key as the product does. */
  touchApiKey(id: number, at: Date): Promise<void>;
  /** "taken" when the merchant already has that customer_id (the unique index refused it). */
  insertCustomer(write: NewCustomerWrite): Promise<"ok" | "taken">;
  /** The customer's rows, cards oldest first; none when the merchant has no such customer. */
  customerRows(merchantId: bigint, customerId: string): Promise<CustomerJoinRow[]>;
}

/**
 * The customer read, as lib/vault/customer-query.ts writes it (the columns a
 * response shows). `$1` and `$2` are the merchant and the customer_id.
 */
export const CUSTOMER_READ_SQL = `
  SELECT c."customerId", c."firstName", c."lastName", c."firmName", c."phone", c."email", c."referenceId",
         c."comments", c."developerId",
         k."id" AS "card_id", k."maskedNumber" AS "card_maskedNumber", k."cardType" AS "card_cardType",
         k."expDate" AS "card_expDate", k."firstName" AS "card_firstName", k."lastName" AS "card_lastName",
         k."firmName" AS "card_firmName", k."emails" AS "card_emails", k."addr1" AS "card_addr1",
         k."addr2" AS "card_addr2", k."city" AS "card_city", k."state" AS "card_state", k."zip" AS "card_zip",
         k."zip4" AS "card_zip4", k."country" AS "card_country", k."countryCode" AS "card_countryCode",
         k."isPrimary" AS "card_isPrimary",
         s."id" AS "ship_id", s."firstName" AS "ship_firstName", s."lastName" AS "ship_lastName",
         s."firmName" AS "ship_firmName", s."addr1" AS "ship_addr1", s."addr2" AS "ship_addr2",
         s."city" AS "ship_city", s."state" AS "ship_state", s."zip" AS "ship_zip", s."zip4" AS "ship_zip4",
         s."country" AS "ship_country", s."countryCode" AS "ship_countryCode", s."isPrimary" AS "ship_isPrimary"
  FROM "Customer" c
    LEFT JOIN "Card" k ON k."customerPk" = c."id"
    LEFT JOIN "ShippingAddress" s ON s."customerPk" = c."id"
  WHERE c."merchantId" = $1 AND c."customerId" = $2
  ORDER BY k."createdAt", k."id", s."id"`;

export const API_KEY_SQL = `SELECT "id", "merchantId", "revokedAt" FROM "ApiKey" WHERE "hash" = $1`;
export const TOUCH_API_KEY_SQL = `UPDATE "ApiKey" SET "lastUsedAt" = $1 WHERE "id" = $2`;

export const CUSTOMER_COLUMNS = `"merchantId", "customerId", "firstName", "lastName", "firmName", "phone", "email",
  "referenceId", "comments", "developerId", "createdAt", "updatedAt"`;
export const CARD_COLUMNS = `"id", "merchantId", "customerPk", "fingerprint", "maskedNumber", "cardType", "expDate",
  "sealedNumber", "kekVersion", "firstName", "lastName", "firmName", "emails", "addr1", "addr2", "city",
  "state", "zip", "zip4", "country", "countryCode", "isPrimary", "createdAt", "updatedAt"`;
export const AUDIT_COLUMNS = `"merchantId", "actor", "action", "targetType", "targetId", "clientAddress", "requestId", "createdAt"`;
export const EVENT_COLUMNS = `"eventId", "merchantId", "type", "payload", "webhookId", "createdAt"`;

/**
 * A write's values, row by row, in the column orders above, with the
 * customer's key left out of the card rows (each store supplies it its own
 * way) and JavaScript values as they are (each store converts them).
 */
export function rowValues(w: NewCustomerWrite) {
  return {
    customer: [w.merchantId, w.customerId, w.firstName, w.lastName, null, null, w.email, null, null, null, w.now, w.now],
    // [before the key], [after the key]: the key is the third column.
    cards: w.cards.map((c) => ({
      before: [c.id, w.merchantId],
      after: [
        ...[c.fingerprint, c.maskedNumber, c.cardType, c.expDate, c.sealedNumber, c.kekVersion],
        ...[null, null, null, null, null, null, null, null, c.zip, null, null, null],
        ...[c.isPrimary, c.createdAt, c.createdAt],
      ],
    })),
    audit: w.audit.map((a) => [w.merchantId, w.actor, a.action, a.targetType, a.targetId, w.clientAddress, w.requestId, w.now]),
    events: w.events.map((e) => [e.eventId, w.merchantId, e.type, e.payload, null, w.now]),
  };
}

export const SALE_CARD_SQL = `
  SELECT c."id", c."maskedNumber", c."cardType", c."expDate", c."fingerprint", c."sealedNumber", cu."customerId"
  FROM "Card" c JOIN "Customer" cu ON cu."id" = c."customerPk"
  WHERE c."id" = $1 AND c."merchantId" = $2`;

export const TRANSACTION_COLUMNS = `"pgId", "merchantId", "type", "status", "currency", "amountMinor", "approvedMinor", "capturedMinor", "refundedMinor",
  "cardId", "customerId", "maskedNumber", "cardType", "cardFingerprint", "rcode", "rmsg", "authCode", "avsResult", "cvvResult",
  "merchRefNum", "purchaseId", "originalId", "checkoutId", "connector", "upstreamPgId", "settlesAt", "createdAt", "updatedAt"`;

/** A sale's rows, as the column orders above want them. */
export function saleRowValues(w: NewSaleWrite) {
  return {
    transaction: w.transaction,
    audit: [w.merchantId, w.actor, w.audit.action, w.audit.targetType, w.audit.targetId, w.clientAddress, w.requestId, w.now],
    event: [w.event.eventId, w.merchantId, w.event.type, w.event.payload, null, w.now],
  };
}
