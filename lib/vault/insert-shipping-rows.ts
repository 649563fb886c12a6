import "#server-only";
import { Prisma } from "../db/sql";
import type { AddShippingAddressInput } from "./schemas";

/** The INSERT for a new customer's shipping addresses (`customerPk` a subquery); `primary` is an index. */
export function insertShippingRowsSql(merchantId: bigint, customerPk: Prisma.Sql, addresses: AddShippingAddressInput[], primary: number): Prisma.Sql {
  const now = new Date();
  const rows = addresses.map(
    (a, index) => Prisma.sql`(${merchantId}, ${customerPk}, ${a.shipping_first_name}, ${a.shipping_last_name},
      ${a.shipping_firm_name ?? null}, ${a.shipping_addr1 ?? null}, ${a.shipping_addr2 ?? null}, ${a.shipping_city ?? null},
      ${a.shipping_state ?? null}, ${a.shipping_zip ?? null}, ${a.shipping_zip4 ?? null}, ${a.shipping_country ?? null},
      ${a.shipping_country_code ?? null}, ${index === primary}, ${now}, ${now})`,
  );
  return Prisma.sql`
    INSERT INTO "ShippingAddress" ("merchantId", "customerPk", "firstName", "lastName", "firmName", "addr1", "addr2",
      "city", "state", "zip", "zip4", "country", "countryCode", "isPrimary", "createdAt", "updatedAt")
    VALUES ${Prisma.join(rows)}`;
}
