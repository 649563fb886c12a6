import "#server-only";
import { dbProvider, getDb } from "../../db/client";
import type { ListPage } from "../../paging/list-page";
import { filterWhere, parseFilters } from "../../vault/browse-filter";
import { subscriberNames, subscriptionSelect, subscriptionToResponse } from "./subscription-rows";
import {
  REQUIRED_FILTER_COLUMNS,
  SUBSCRIPTION_FILTER_FIELDS,
  SUBSCRIPTION_SORT_FIELDS,
  type BrowseSubscriptionsQuery,
  type SubscriptionResponse,
} from "./schemas";

/**
 * GET /subscription: one page of the merchant's subscriptions, every
 * status, filtered and sorted; totalRecords is the real total. date_next
 * sorts on the day the billing run next charges, and subscriptions it does
 * not charge (paused, suspended, cancelled, complete) come last either way.
 */
export async function browseSubscriptions(merchantId: bigint, query: BrowseSubscriptionsQuery): Promise<ListPage<SubscriptionResponse>> {
  const filters = filterWhere(parseFilters(query.filter, SUBSCRIPTION_FILTER_FIELDS), dbProvider(), REQUIRED_FILTER_COLUMNS);
  const where = { merchantId, AND: filters };
  const column = SUBSCRIPTION_SORT_FIELDS[query.order_on as keyof typeof SUBSCRIPTION_SORT_FIELDS];
  const nullable = column === "dueDay" || column === "planCode" || column === "planId";
  const first = nullable ? { [column]: { sort: query.order_by, nulls: "last" as const } } : { [column]: query.order_by };
  // subscription_id breaks ties, so paging is stable.
  const orderBy = column === "id" ? [{ id: query.order_by }] : [first, { id: "asc" as const }];
  const db = getDb();
  const [totalRecords, rows] = await Promise.all([
    db.billingSubscription.count({ where }),
    db.billingSubscription.findMany({ where, orderBy, skip: query.page * query.count, take: query.count, select: subscriptionSelect }),
  ]);
  const names = await subscriberNames(db, rows);
  return {
    data: rows.map((row) => subscriptionToResponse(row, row.customerPk === null ? undefined : names.get(row.customerPk))),
    totalRecords,
    page: query.page,
    count: query.count,
    orderOn: query.order_on,
    orderBy: query.order_by,
  };
}
