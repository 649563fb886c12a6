import "#server-only";
import { z } from "zod";
import { dbProvider, getDb } from "../db/client";
import type { ListPage } from "../api/envelope";
import { CUSTOMER_FIELDS, customerFilterWhere, parseCustomerFilters, type CustomerField } from "./browse-filter";
import { customerInclude } from "./customer-query";
import { customerToResponse } from "./to-response";
import type { CustomerResponse } from "./schemas";

export const BrowseQuerySchema = z.object({
  count: z
    .string()
    .regex(/^\d+$/, "must be a positive integer")
    .transform(Number)
    .refine((n) => n >= 1, "must be at least 1")
    // Capped, not refused: a client asking for 500 gets the 100 allowed.
    .transform((n) => Math.min(n, 100))
    .default(10),
  page: z
    .string()
    .regex(/^\d{1,9}$/, "must be an integer from 0 to 999999999")
    .transform(Number)
    .default(0),
  order_on: z
    .string()
    .refine((f) => f in CUSTOMER_FIELDS, { message: `must be one of ${Object.keys(CUSTOMER_FIELDS).join(", ")}` })
    .default("customer_id"),
  order_by: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("desc"),
  filter: z.union([z.string(), z.array(z.string())]).optional(),
  merchant_id: z.string().optional(),
});
export type BrowseQuery = z.infer<typeof BrowseQuerySchema>;

/** One page of the merchant's customers, filtered and sorted; totalRecords is the real total. */
export async function browseCustomers(merchantId: bigint, query: BrowseQuery): Promise<ListPage<CustomerResponse>> {
  const db = getDb();
  const filters = customerFilterWhere(parseCustomerFilters(query.filter), dbProvider());
  const where = { merchantId, AND: filters };
  const column = CUSTOMER_FIELDS[query.order_on as CustomerField];
  // customer_id breaks ties so paging is stable.
  const orderBy = column === "customerId" ? [{ customerId: query.order_by }] : [{ [column]: query.order_by }, { customerId: query.order_by }];
  const [totalRecords, rows] = await Promise.all([
    db.customer.count({ where }),
    db.customer.findMany({ where, orderBy, skip: query.page * query.count, take: query.count, include: customerInclude }),
  ]);
  return {
    data: rows.map(customerToResponse),
    totalRecords,
    page: query.page,
    count: query.count,
    orderOn: query.order_on,
    orderBy: query.order_by,
  };
}
