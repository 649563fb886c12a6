// The floor's PostgreSQL store: a pg Pool of the product's size
// (DATABASE_POOL_SIZE), named prepared statements, and the add-customer
// write as ONE statement whose inserts are chained data-modifying CTEs, as
// lib/vault/insert-new-customer.ts does it (atomic on its own: no BEGIN and
// COMMIT round trips).
import pg from "pg";
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
  type SaleCardRow,
} from "./floor-store";

/** A sale's write: its three inserts chained in ONE statement, as the product's single-statement writes are atomic on their own. */
const SALE_SQL = (() => {
  let next = 0;
  const row = (n: number) => `(${Array.from({ length: n }, () => `$${++next}`).join(", ")})`;
  return `WITH "new_transaction" AS (INSERT INTO "Transaction" (${TRANSACTION_COLUMNS}) VALUES ${row(28)}),
    "audit" AS (INSERT INTO "AuditLog" (${AUDIT_COLUMNS}) VALUES ${row(8)}),
    "events" AS (INSERT INTO "Event" (${EVENT_COLUMNS}) VALUES ${row(6)})
    SELECT 1`;
})();

/** A parameter as the product sends it (lib/db/direct-postgres.ts): bigint as text, timestamps in UTC without a zone. */
function toPostgres(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString().replace("Z", "");
  return value;
}

/** The add-customer statement for `cards` cards (its text depends only on the count, so it is prepared once per count). */
function insertStatement(cards: number): string {
  let next = 0;
  const row = (n: number) => `(${Array.from({ length: n }, () => `$${++next}`).join(", ")})`;
  const customer = row(12);
  const cardRows = Array.from({ length: cards }, () => {
    const before = Array.from({ length: 2 }, () => `$${++next}`);
    const after = Array.from({ length: 21 }, () => `$${++next}`);
    return `(${[...before, `(SELECT "id" FROM "new_customer")`, ...after].join(", ")})`;
  });
  const audit = Array.from({ length: 1 + cards }, () => row(8));
  const events = Array.from({ length: 1 + cards }, () => row(6));
  const parts = [`"new_customer" AS (INSERT INTO "Customer" (${CUSTOMER_COLUMNS}) VALUES ${customer} RETURNING "id")`];
  if (cards > 0) parts.push(`"new_cards" AS (INSERT INTO "Card" (${CARD_COLUMNS}) VALUES ${cardRows.join(", ")})`);
  parts.push(`"audit" AS (INSERT INTO "AuditLog" (${AUDIT_COLUMNS}) VALUES ${audit.join(", ")})`);
  parts.push(`"events" AS (INSERT INTO "Event" (${EVENT_COLUMNS}) VALUES ${events.join(", ")})`);
  return `WITH ${parts.join(", ")} SELECT 1`;
}

export function openPostgresStore(connectionString: string, poolSize: number): FloorStore {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on("error", (error) => console.error(`idle PostgreSQL connection failed: ${error.message}`));
  const statements = new Map<number, string>();

  return {
    async apiKeyByHash(hash) {
      const { rows } = await pool.query<{ id: number; merchantId: string; revokedAt: Date | null }>({
        name: "floor_api_key",
        text: API_KEY_SQL,
        values: [hash],
      });
      const row = rows[0];
      return row ? { id: row.id, merchantId: BigInt(row.merchantId), revoked: row.revokedAt !== null } : undefined;
    },
    async touchApiKey(id, at) {
      await pool.query({ name: "floor_touch_api_key", text: TOUCH_API_KEY_SQL, values: [toPostgres(at), id] });
    },
    async insertCustomer(w: NewCustomerWrite) {
      const rows = rowValues(w);
      const values = [...rows.customer, ...rows.cards.flatMap((c) => [...c.before, ...c.after]), ...rows.audit.flat(), ...rows.events.flat()];
      let text = statements.get(w.cards.length);
      if (!text) statements.set(w.cards.length, (text = insertStatement(w.cards.length)));
      try {
        await pool.query({ name: `floor_add_customer_${w.cards.length}`, text, values: values.map(toPostgres) });
        return "ok";
      } catch (error) {
        if ((error as { code?: string }).code === "23505") return "taken";
        throw error;
      }
    },
    async saleCard(merchantId, cardId) {
      const { rows } = await pool.query<SaleCardRow>({ name: "floor_sale_card", text: SALE_CARD_SQL, values: [cardId, merchantId.toString()] });
      return rows[0];
    },
    async insertSale(w) {
      const rows = saleRowValues(w);
      await pool.query({ name: "floor_sale", text: SALE_SQL, values: [...rows.transaction, ...rows.audit, ...rows.event].map(toPostgres) });
    },
    async customerRows(merchantId, customerId) {
      const { rows } = await pool.query<CustomerJoinRow>({ name: "floor_customer", text: CUSTOMER_READ_SQL, values: [merchantId.toString(), customerId] });
      return rows;
    },
  };
}
