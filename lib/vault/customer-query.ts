import "#server-only";
import type { Db, Tx } from "../db/client";
import { forUpdate } from "../db/locks";
import { Prisma } from "../db/sql";
import { notFound } from "../errors/api-error";
import { queryRows } from "../db/direct-sql";

// What every customer response needs, in one place: the columns to read
// (never the sealed number) and the order cards and addresses appear in.

// Cards and shipping addresses carry the same name-and-address columns.
const addressColumns = {
  firstName: true,
  lastName: true,
  firmName: true,
  addr1: true,
  addr2: true,
  city: true,
  state: true,
  zip: true,
  zip4: true,
  country: true,
  countryCode: true,
  isPrimary: true,
} as const;

export const cardSelect = {
  id: true,
  maskedNumber: true,
  cardType: true,
  expDate: true,
  emails: true,
  createdAt: true,
  ...addressColumns,
} as const;

export const shippingSelect = { id: true, ...addressColumns } as const;

/** Oldest first: the order cards were added in, and the order of promotion. */
export const cardOrder: { createdAt?: "asc"; id?: "asc" }[] = [{ createdAt: "asc" }, { id: "asc" }];
export const shippingOrder: { id: "asc" }[] = [{ id: "asc" }];

export const customerInclude = {
  cards: { select: cardSelect, orderBy: cardOrder },
  shippingAddresses: { select: shippingSelect, orderBy: shippingOrder },
};

type CardSelectKeys = keyof typeof cardSelect;
type ShippingSelectKeys = keyof typeof shippingSelect;
export type CardRow = Pick<NonNullable<Awaited<ReturnType<Db["card"]["findFirst"]>>>, CardSelectKeys>;
export type ShippingRow = Pick<NonNullable<Awaited<ReturnType<Db["shippingAddress"]["findFirst"]>>>, ShippingSelectKeys>;
export type CustomerRow = NonNullable<Awaited<ReturnType<Db["customer"]["findFirst"]>>>;
export type CustomerWithChildren = CustomerRow & { cards: CardRow[]; shippingAddresses: ShippingRow[] };

// The hot read of the API (every customer response ends with it) is one
// plain SQL statement instead of Prisma's compiled include (three queries),
// run straight on the driver outside transactions (lib/db/direct-sql.ts). The SQL is plain enough
// to be the same on SQLite and PostgreSQL, and Prisma types the columns.
// Cards and addresses are both LEFT JOINed, so a customer comes back as
// cards × addresses rows (a handful in practice) and is folded here.
type Prefixed<Row, P extends string> = { [K in keyof Row as `${P}${K & string}`]: Row[K] | null };
type CustomerJoinRow = CustomerRow & Prefixed<CardRow, "card_"> & Prefixed<ShippingRow, "ship_">;

/** The merchant's customer with cards and addresses, or a 404. */
export async function getCustomerWithChildrenOrThrow(db: Db | Tx, merchantId: bigint, customerId: string): Promise<CustomerWithChildren> {
  const rows = await queryRows<CustomerJoinRow>(
    db,
    Prisma.sql`
    SELECT c."id", c."merchantId", c."customerId", c."firstName", c."lastName", c."firmName", c."phone",
           c."email", c."referenceId", c."comments", c."developerId", c."createdAt", c."updatedAt",
           k."id" AS "card_id", k."maskedNumber" AS "card_maskedNumber", k."cardType" AS "card_cardType",
           k."expDate" AS "card_expDate", k."firstName" AS "card_firstName", k."lastName" AS "card_lastName",
           k."firmName" AS "card_firmName", k."emails" AS "card_emails", k."addr1" AS "card_addr1",
           k."addr2" AS "card_addr2", k."city" AS "card_city", k."state" AS "card_state", k."zip" AS "card_zip",
           k."zip4" AS "card_zip4", k."country" AS "card_country", k."countryCode" AS "card_countryCode",
           k."isPrimary" AS "card_isPrimary", k."createdAt" AS "card_createdAt",
           s."id" AS "ship_id", s."firstName" AS "ship_firstName", s."lastName" AS "ship_lastName",
           s."firmName" AS "ship_firmName", s."addr1" AS "ship_addr1", s."addr2" AS "ship_addr2",
           s."city" AS "ship_city", s."state" AS "ship_state", s."zip" AS "ship_zip", s."zip4" AS "ship_zip4",
           s."country" AS "ship_country", s."countryCode" AS "ship_countryCode", s."isPrimary" AS "ship_isPrimary"
    FROM "Customer" c
      LEFT JOIN "Card" k ON k."customerPk" = c."id"
      LEFT JOIN "ShippingAddress" s ON s."customerPk" = c."id"
    WHERE c."merchantId" = ${merchantId} AND c."customerId" = ${customerId}
    ORDER BY k."createdAt", k."id", s."id"`,
  );
  const first = rows[0];
  if (!first) throw notFound("Customer");
  const customer: CustomerRow = {
    id: first.id,
    merchantId: first.merchantId,
    customerId: first.customerId,
    firstName: first.firstName,
    lastName: first.lastName,
    firmName: first.firmName,
    phone: first.phone,
    email: first.email,
    referenceId: first.referenceId,
    comments: first.comments,
    developerId: first.developerId,
    createdAt: first.createdAt,
    updatedAt: first.updatedAt,
  };
  // Maps keep first-seen order, which the ORDER BY makes oldest first for both.
  const cards = new Map<string, CardRow>();
  const addresses = new Map<number, ShippingRow>();
  for (const row of rows) {
    if (row.card_id !== null && !cards.has(row.card_id)) cards.set(row.card_id, unprefix(row, "card_", cardSelect) as CardRow);
    if (row.ship_id !== null && !addresses.has(row.ship_id)) {
      addresses.set(row.ship_id, unprefix(row, "ship_", shippingSelect) as ShippingRow);
    }
  }
  return { ...customer, cards: [...cards.values()], shippingAddresses: [...addresses.values()] };
}

function unprefix(row: CustomerJoinRow, prefix: string, columns: Record<string, true>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(columns)) picked[key] = row[`${prefix}${key}` as keyof CustomerJoinRow];
  return picked;
}

/** The customer's shipping addresses, oldest first. */
export function listShippingRows(db: Db | Tx, merchantId: bigint, customerId: string): Promise<ShippingRow[]> {
  return queryRows<ShippingRow>(
    db,
    Prisma.sql`
    SELECT s."id", s."firstName", s."lastName", s."firmName", s."addr1", s."addr2", s."city", s."state",
           s."zip", s."zip4", s."country", s."countryCode", s."isPrimary"
    FROM "ShippingAddress" s JOIN "Customer" c ON c."id" = s."customerPk"
    WHERE c."merchantId" = ${merchantId} AND c."customerId" = ${customerId}
    ORDER BY s."id"`,
  );
}

/** A subquery for the customer's internal key, for statements batched before the key is known. */
export function customerPkSql(merchantId: bigint, customerId: string): Prisma.Sql {
  return Prisma.sql`(SELECT "id" FROM "Customer" WHERE "merchantId" = ${merchantId} AND "customerId" = ${customerId})`;
}

/**
 * The internal key of the merchant's customer, or a 404. Every mutation
 * starts here inside its transaction, and on PostgreSQL the row is locked
 * (FOR UPDATE) so two requests changing one customer's cards take turns:
 * otherwise each, under READ COMMITTED, would see only its own new card and
 * make it primary. SQLite already runs one writer at a time.
 */
export async function getCustomerPkOrThrow(db: Db | Tx, merchantId: bigint, customerId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Customer" WHERE "merchantId" = ${merchantId} AND "customerId" = ${customerId} ${forUpdate()}`;
  if (!row) throw notFound("Customer");
  return row.id;
}
