import "#server-only";
import { dbProvider, getDb } from "../../db/client";
import type { ListPage } from "../../paging/list-page";
import { filterWhere, parseFilters } from "../../vault/browse-filter";
import { getSubscriptionOrThrow } from "./get-subscription-or-throw";
import { labelSelect, labelToResponse } from "./label-rows";
import { LABEL_FILTER_FIELDS, LABEL_SORT_FIELDS, type BrowseLabelsQuery, type LabelResponse } from "./schemas";

/** GET /subscription/{id}/labels/browse: one page of the subscription's labels, name ascending by default. */
export async function browseLabels(merchantId: bigint, subscriptionId: number, query: BrowseLabelsQuery): Promise<ListPage<LabelResponse>> {
  const db = getDb();
  const subscription = await getSubscriptionOrThrow(db, merchantId, subscriptionId);
  const filters = filterWhere(parseFilters(query.filter, LABEL_FILTER_FIELDS), dbProvider(), ["name", "value"]);
  const where = { subscriptionId: subscription.id, AND: filters };
  const column = LABEL_SORT_FIELDS[query.order_on as keyof typeof LABEL_SORT_FIELDS];
  const [totalRecords, rows] = await Promise.all([
    db.billingSubscriptionLabel.count({ where }),
    db.billingSubscriptionLabel.findMany({
      where,
      orderBy: [{ [column]: query.order_by }, { id: "asc" }],
      skip: query.page * query.count,
      take: query.count,
      select: labelSelect,
    }),
  ]);
  return { data: rows.map(labelToResponse), totalRecords, page: query.page, count: query.count, orderOn: query.order_on, orderBy: query.order_by };
}
