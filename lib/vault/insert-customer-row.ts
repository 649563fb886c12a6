import "#server-only";
import { Prisma } from "../db/sql";
import type { CustomerRow } from "./customer-query";
import type { customerColumns } from "./customer-columns";

/**
 * The INSERT for a new customer, and the row it writes (without the
 * generated key). A taken customer_id fails the unique index, which the
 * caller turns into a 409.
 */
export function insertCustomerRowSql(
  merchantId: bigint,
  customerId: string,
  columns: ReturnType<typeof customerColumns>,
): { sql: Prisma.Sql; row: Omit<CustomerRow, "id"> } {
  const now = new Date();
  const row: Omit<CustomerRow, "id"> = {
    merchantId,
    customerId,
    firstName: columns.firstName ?? null,
    lastName: columns.lastName ?? null,
    firmName: columns.firmName ?? null,
    phone: columns.phone ?? null,
    email: columns.email ?? null,
    referenceId: columns.referenceId ?? null,
    comments: columns.comments ?? null,
    developerId: columns.developerId ?? null,
    createdAt: now,
    updatedAt: now,
  };
  const sql = Prisma.sql`
    INSERT INTO "Customer" ("merchantId", "customerId", "firstName", "lastName", "firmName", "phone", "email",
      "referenceId", "comments", "developerId", "createdAt", "updatedAt")
    VALUES (${row.merchantId}, ${row.customerId}, ${row.firstName}, ${row.lastName}, ${row.firmName}, ${row.phone},
      ${row.email}, ${row.referenceId}, ${row.comments}, ${row.developerId}, ${now}, ${now})`;
  return { sql, row };
}
