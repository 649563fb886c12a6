import "#server-only";
import { dbProvider, getDb } from "../db/client";
import type { ListPage } from "../paging/list-page";
import { CUSTOMER_FIELDS, customerFilterWhere, parseCustomerFilters, type CustomerField } from "./browse-filter";
import { customerInclude } from "./customer-query";
import { customerToResponse } from "./to-response";
import type { BrowseQuery, CustomerResponse } from "./schemas";

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
