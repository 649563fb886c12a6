import "#server-only";
import { dbProvider, getDb } from "../db/client";
import type { ListPage } from "../paging/list-page";
import { filterWhere, parseFilters } from "../vault/browse-filter";
import { webhookSelect, webhookToResponse } from "./to-response";
import { WEBHOOK_FIELDS, WEBHOOK_FILTER_FIELDS, type BrowseWebhooksQuery, type WebhookResponse } from "./schemas";

/** One page of the merchant's webhooks, filtered and sorted; totalRecords is the real total. */
export async function browseWebhooks(merchantId: bigint, query: BrowseWebhooksQuery): Promise<ListPage<WebhookResponse>> {
  // Every filterable column is required text.
  const filters = filterWhere(parseFilters(query.filter, WEBHOOK_FILTER_FIELDS), dbProvider(), Object.values(WEBHOOK_FILTER_FIELDS));
  const where = { merchantId, AND: filters };
  const column = WEBHOOK_FIELDS[query.order_on as keyof typeof WEBHOOK_FIELDS];
  const orderBy = column === "id" ? [{ id: query.order_by }] : [{ [column]: query.order_by }, { id: query.order_by }];
  const db = getDb();
  const [totalRecords, rows] = await Promise.all([
    db.webhook.count({ where }),
    db.webhook.findMany({ where, orderBy, skip: query.page * query.count, take: query.count, select: webhookSelect }),
  ]);
  return { data: rows.map(webhookToResponse), totalRecords, page: query.page, count: query.count, orderOn: query.order_on, orderBy: query.order_by };
}
