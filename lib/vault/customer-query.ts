import "server-only";
import { dbProvider, type Db, type Tx } from "../db/client";
import { Prisma } from "../db/sql";
import { notFound } from "../api/api-error";

// What every customer response needs, in one place: the columns to read
// (never the sealed number) and the order cards and addresses appear in.

export const cardSelect = {
  id: true,
  maskedNumber: true,
  cardType: true,
  expDate: true,
  firstName: true,
  lastName: true,
  firmName: true,
  emails: true,
  addr1: true,
  addr2: true,
  city: true,
  state: true,
  zip: true,
  zip4: true,
  country: true,
  countryCode: true,
  isPrimary: true,
  createdAt: true,
} as const;

export const shippingSelect = {
  id: true,
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

// The hot read of the API (every customer response ends with it) is two raw
// statements instead of Prisma's compiled include: Prisma 6.19 compiles each
// query in WebAssembly on the event loop (about 0.4 ms a query here) and has
// no plan cache yet, and an include is three queries. The SQL is plain enough
// to be the same on SQLite and PostgreSQL, and Prisma types the columns.
type CustomerJoinRow = CustomerRow & { [K in keyof CardRow as `card_${K & string}`]: CardRow[K] | null };

/** The merchant's customer with cards and addresses, or a 404. */
export async function getCustomerWithChildrenOrThrow(
  db: Db | Tx,
  merchantId: bigint,
  customerId: string,
): Promise<CustomerWithChildren> {
  const [rows, shippingAddresses] = await Promise.all([
    db.$queryRaw<CustomerJoinRow[]>`
      SELECT c."id", c."merchantId", c."customerId", c."firstName", c."lastName", c."firmName", c."phone",
             c."email", c."referenceId", c."comments", c."developerId", c."createdAt", c."updatedAt",
             k."id" AS "card_id", k."maskedNumber" AS "card_maskedNumber", k."cardType" AS "card_cardType",
             k."expDate" AS "card_expDate", k."firstName" AS "card_firstName", k."lastName" AS "card_lastName",
             k."firmName" AS "card_firmName", k."emails" AS "card_emails", k."addr1" AS "card_addr1",
             k."addr2" AS "card_addr2", k."city" AS "card_city", k."state" AS "card_state", k."zip" AS "card_zip",
             k."zip4" AS "card_zip4", k."country" AS "card_country", k."countryCode" AS "card_countryCode",
             k."isPrimary" AS "card_isPrimary", k."createdAt" AS "card_createdAt"
      FROM "Customer" c LEFT JOIN "Card" k ON k."customerPk" = c."id"
      WHERE c."merchantId" = ${merchantId} AND c."customerId" = ${customerId}
      ORDER BY k."createdAt", k."id"`,
    db.$queryRaw<ShippingRow[]>`
      SELECT s."id", s."firstName", s."lastName", s."firmName", s."addr1", s."addr2", s."city", s."state",
             s."zip", s."zip4", s."country", s."countryCode", s."isPrimary"
      FROM "ShippingAddress" s JOIN "Customer" c ON c."id" = s."customerPk"
      WHERE c."merchantId" = ${merchantId} AND c."customerId" = ${customerId}
      ORDER BY s."id"`,
  ]);
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
  const cards = rows.filter((row) => row.card_id !== null).map(cardFromJoinRow);
  return { ...customer, cards, shippingAddresses };
}

function cardFromJoinRow(row: CustomerJoinRow): CardRow {
  const card = {} as Record<string, unknown>;
  for (const key of Object.keys(cardSelect)) card[key] = row[`card_${key}` as keyof CustomerJoinRow];
  return card as CardRow;
}

/**
 * The internal key of the merchant's customer, or a 404. Every mutation
 * starts here inside its transaction, and on PostgreSQL the row is locked
 * (FOR UPDATE) so two requests changing one customer's cards take turns:
 * otherwise each, under READ COMMITTED, would see only its own new card and
 * make it primary. SQLite already runs one writer at a time.
 */
export async function getCustomerPkOrThrow(db: Db | Tx, merchantId: bigint, customerId: string): Promise<number> {
  const lock = Prisma.raw(dbProvider() === "postgres" ? "FOR UPDATE" : "");
  const [row] = await db.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Customer" WHERE "merchantId" = ${merchantId} AND "customerId" = ${customerId} ${lock}`;
  if (!row) throw notFound("Customer");
  return row.id;
}
