import "server-only";
import type { Tx } from "../db/client";
import type { CustomerRow } from "./customer-query";
import type { customerColumns } from "./customer-columns";

/**
 * Inserts a customer and returns its row. Plain SQL, as the busiest write
 * (docs/decisions/002-raw-sql-for-hot-reads.md); a taken customer_id fails
 * the unique index, which the caller turns into a 409.
 */
export async function insertCustomerRow(
  tx: Tx,
  merchantId: bigint,
  customerId: string,
  columns: ReturnType<typeof customerColumns>,
): Promise<CustomerRow> {
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
  const [inserted] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "Customer" ("merchantId", "customerId", "firstName", "lastName", "firmName", "phone", "email",
      "referenceId", "comments", "developerId", "createdAt", "updatedAt")
    VALUES (${row.merchantId}, ${row.customerId}, ${row.firstName}, ${row.lastName}, ${row.firmName}, ${row.phone},
      ${row.email}, ${row.referenceId}, ${row.comments}, ${row.developerId}, ${now}, ${now})
    RETURNING "id"`;
  if (!inserted) throw new Error("INSERT ... RETURNING gave no row");
  return { id: inserted.id, ...row };
}
