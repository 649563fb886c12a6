import "#server-only";
import { dbProvider, type Tx } from "../db/client";
import { directWriteAtomically } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { auditRowsSql, auditShippingRowsSql, type Actor } from "../audit/record-audit";
import { eventRowsSql } from "../events/record-event";
import { cardEventData } from "../events/event-data";
import { customerPkSql } from "./customer-query";
import { insertCardRowsSql } from "./insert-card-rows";
import { insertShippingRowsSql } from "./insert-shipping-rows";
import type { PreparedCard } from "./prepare-card";
import type { AddShippingAddressInput } from "./schemas";

export type NewCustomer = {
  actor: Actor;
  customerId: string;
  /** The customer's INSERT (insertCustomerRowSql). */
  customerSql: Prisma.Sql;
  cards: (PreparedCard & { isPrimary: boolean })[];
  addresses: AddShippingAddressInput[];
  primaryAddress: number;
};

/**
 * Writes a new customer with its cards, addresses, audit rows and events atomically,
 * in as few round trips as each database allows, straight on the driver (the
 * vault's busiest write; see docs/decisions/004-direct-sql-on-hot-paths.md):
 * - PostgreSQL: ONE statement, the inserts chained as data-modifying CTEs
 *   (atomic on its own: no BEGIN/COMMIT round trips);
 * - SQLite, which has no data-modifying CTEs: one synchronous transaction,
 *   the new key found by subquery.
 * A taken customer_id fails the unique index either way.
 */
export async function insertNewCustomer(customer: NewCustomer): Promise<void> {
  await directWriteAtomically(newCustomerStatements(customer));
}

/**
 * The same rows inside the caller's Prisma transaction, for a change that
 * creates a customer along with something of its own (a subscription's
 * inline customer): the statements are the ones insertNewCustomer sends.
 */
export async function insertNewCustomerIn(tx: Tx, customer: NewCustomer): Promise<void> {
  for (const statement of newCustomerStatements(customer)) await tx.$executeRaw(statement);
}

/** The statements that write a new customer, in order: one on PostgreSQL, several on SQLite (above). */
function newCustomerStatements(customer: NewCustomer): Prisma.Sql[] {
  const { actor, cards, addresses } = customer;
  const audit = auditRowsSql(actor, [
    { action: "customer.create", type: "customer", id: customer.customerId },
    ...cards.map((card) => ({ action: "card.create" as const, type: "card" as const, id: card.id })),
  ]);
  const events = eventRowsSql(actor.merchantId, [
    { type: "vault_customer_created", data: { customer_id: customer.customerId } },
    ...cards.map((card) => ({ type: "vault_card_created" as const, data: cardEventData(customer.customerId, card) })),
  ]).sql;

  if (dbProvider() === "postgres") {
    // Rows a CTE inserts are invisible to the rest of the statement except
    // through its RETURNING, hence "new_customer" and "new_shipping".
    const pk = Prisma.sql`(SELECT "id" FROM "new_customer")`;
    const parts = [Prisma.sql`"new_customer" AS (${customer.customerSql} RETURNING "id")`];
    if (cards.length > 0) parts.push(Prisma.sql`"new_cards" AS (${insertCardRowsSql(pk, cards)})`);
    if (addresses.length > 0) {
      const shipping = insertShippingRowsSql(actor.merchantId, pk, addresses, customer.primaryAddress);
      parts.push(Prisma.sql`"new_shipping" AS (${shipping} RETURNING "id")`);
      parts.push(Prisma.sql`"shipping_audit" AS (${auditShippingRowsSql(actor, "shipping.create", Prisma.sql`"new_shipping"`)})`);
    }
    parts.push(Prisma.sql`"audit" AS (${audit})`);
    parts.push(Prisma.sql`"events" AS (${events})`);
    return [Prisma.sql`WITH ${Prisma.join(parts)} SELECT 1`];
  }

  const pk = customerPkSql(actor.merchantId, customer.customerId);
  const statements = [customer.customerSql];
  if (cards.length > 0) statements.push(insertCardRowsSql(pk, cards));
  if (addresses.length > 0) {
    statements.push(insertShippingRowsSql(actor.merchantId, pk, addresses, customer.primaryAddress));
    const ofCustomer = Prisma.sql`"ShippingAddress" WHERE "customerPk" = ${pk}`;
    statements.push(auditShippingRowsSql(actor, "shipping.create", ofCustomer));
  }
  statements.push(audit, events);
  return statements;
}
