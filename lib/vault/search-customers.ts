import "#server-only";
import { z } from "zod";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { parseOptions } from "../errors/parse-options";
import { pageFields } from "../paging/page-options";

// The portal's customer search: one statement on both databases. Prisma's
// `mode: "insensitive"` exists only on PostgreSQL, so matching is
// LOWER(column) LIKE lower(pattern), with q's own % and _ escaped so they
// match literally. SQLite's LOWER folds ASCII letters only: a non-ASCII
// letter matches in its own case there, in any case on PostgreSQL.

export const CUSTOMER_SORTS = ["customer_id", "name", "email", "created"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const SearchCustomersSchema = z.object({
  merchantId: z.bigint(),
  q: z.string().max(200, "must be at most 200 characters").optional(),
  sort: z.enum(CUSTOMER_SORTS, { error: `must be one of ${CUSTOMER_SORTS.join(", ")}` }).default("created"),
  direction: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
  ...pageFields(25),
});
export type SearchCustomersOptions = z.input<typeof SearchCustomersSchema>;

export type CustomerSearchRow = {
  customerId: string;
  firstName: string | null;
  lastName: string | null;
  firmName: string | null;
  email: string | null;
  createdAt: Date;
  cardCount: number;
  primaryCard: { maskedNumber: string; cardType: string; expDate: string } | null;
};

export type CustomerSearchPage = { rows: CustomerSearchRow[]; total: number; page: number; pageSize: number };

type SqlRow = {
  customerId: string;
  firstName: string | null;
  lastName: string | null;
  firmName: string | null;
  email: string | null;
  createdAt: Date;
  cardCount: bigint | number;
  total: bigint | number;
  primaryMaskedNumber: string | null;
  primaryCardType: string | null;
  primaryExpDate: string | null;
};

/** One page of the merchant's customers matching q (names, firm, email, customer_id, or a card's last four), sorted. */
export async function searchCustomers(options: SearchCustomersOptions): Promise<CustomerSearchPage> {
  const { merchantId, q, sort, page, pageSize, ...rest } = parseOptions(SearchCustomersSchema, options);
  // Newest first by default; the other keys read naturally ascending.
  const direction = rest.direction ?? (sort === "created" ? "desc" : "asc");
  const where = Prisma.sql`c."merchantId" = ${merchantId} ${matchSql(q?.trim() ?? "")}`;
  const order = orderSql(sort, direction);
  // The page is chosen on Customer alone (with the total as a window count);
  // the card columns are then read for those rows only.
  const rows = await directQuery<SqlRow>(Prisma.sql`
    SELECT c."customerId", c."firstName", c."lastName", c."firmName", c."email", c."createdAt", p."total",
           (SELECT COUNT(*) FROM "Card" k WHERE k."customerPk" = c."id") AS "cardCount",
           pc."maskedNumber" AS "primaryMaskedNumber", pc."cardType" AS "primaryCardType", pc."expDate" AS "primaryExpDate"
    FROM (
      SELECT c."id", COUNT(*) OVER () AS "total"
      FROM "Customer" c
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    ) p
      JOIN "Customer" c ON c."id" = p."id"
      LEFT JOIN "Card" pc ON pc."id" = (
        SELECT k."id" FROM "Card" k WHERE k."customerPk" = c."id" AND k."isPrimary" = ${true} ORDER BY k."createdAt", k."id" LIMIT 1
      )
    ORDER BY ${order}`);
  // Past the last page there is no row to carry the total.
  const total = rows[0] ? Number(rows[0].total) : await countMatches(where);
  return { rows: rows.map(toSearchRow), total, page, pageSize };
}

async function countMatches(where: Prisma.Sql): Promise<number> {
  const [row] = await directQuery<{ n: bigint | number }>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Customer" c WHERE ${where}`);
  return Number(row?.n ?? 0);
}

/** The search condition ("AND ..."), or nothing for an empty q. */
function matchSql(q: string): Prisma.Sql {
  if (q === "") return Prisma.empty;
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const like = (column: Prisma.Sql) => Prisma.sql`LOWER(${column}) LIKE ${pattern} ESCAPE '\\'`;
  const conditions = [
    // "first last" also covers a match in either name alone.
    like(Prisma.sql`COALESCE(c."firstName", '') || ' ' || COALESCE(c."lastName", '')`),
    like(Prisma.sql`c."firmName"`),
    like(Prisma.sql`c."email"`),
    like(Prisma.sql`c."customerId"`),
  ];
  if (/^\d{4}$/.test(q)) {
    // maskedNumber is first six, x's, last four: its last four digits are q.
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Card" k WHERE k."customerPk" = c."id" AND k."maskedNumber" LIKE ${`%${q}`})`);
  }
  return Prisma.sql`AND (${Prisma.join(conditions, " OR ")})`;
}

/** q's own LIKE wildcards (and the escape character) made literal. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

// NULLS LAST on both databases (their defaults differ); the id breaks ties,
// so paging never repeats or skips a row.
function orderSql(sort: CustomerSort, direction: "asc" | "desc"): Prisma.Sql {
  const dir = Prisma.raw(direction === "asc" ? "ASC" : "DESC");
  const keys: Record<CustomerSort, string[]> = {
    customer_id: [`c."customerId"`],
    name: [`LOWER(c."lastName")`, `LOWER(c."firstName")`],
    email: [`LOWER(c."email")`],
    created: [`c."createdAt"`],
  };
  const columns = [...keys[sort].map((k) => `${k} ${dir.text} NULLS LAST`), `c."id" ${dir.text}`];
  return Prisma.raw(columns.join(", "));
}

function toSearchRow(row: SqlRow): CustomerSearchRow {
  return {
    customerId: row.customerId,
    firstName: row.firstName,
    lastName: row.lastName,
    firmName: row.firmName,
    email: row.email,
    createdAt: row.createdAt instanceof Date ? row.createdAt : new Date(row.createdAt),
    cardCount: Number(row.cardCount),
    primaryCard:
      row.primaryMaskedNumber !== null && row.primaryCardType !== null && row.primaryExpDate !== null
        ? { maskedNumber: row.primaryMaskedNumber, cardType: row.primaryCardType, expDate: row.primaryExpDate }
        : null,
  };
}
