import "#server-only";
import type { z } from "zod";
import { dbProvider, getDb } from "../db/client";
import type { ListPage } from "../api/envelope";
import { browseQuerySchema } from "../api/browse-query";
import { parseFilters, type FilterOperator } from "../vault/browse-filter";
import { webhookSelect, webhookToResponse } from "./to-response";
import type { WebhookResponse } from "./schemas";

const WEBHOOK_FIELDS = { webhook_id: "id", label: "label", status: "status", notification_url: "notificationUrl" } as const;
const FILTER_FIELDS = { label: "label", status: "status", notification_url: "notificationUrl" } as const;

export const BrowseWebhooksQuerySchema = browseQuerySchema(WEBHOOK_FIELDS, { orderOn: "webhook_id", orderBy: "asc" });
export type BrowseWebhooksQuery = z.infer<typeof BrowseWebhooksQuerySchema>;

/** One page of the merchant's webhooks; the filterable fields are text columns that are never null. */
export async function browseWebhooks(merchantId: bigint, query: BrowseWebhooksQuery): Promise<ListPage<WebhookResponse>> {
  const insensitive = dbProvider() === "postgres";
  const filters = parseFilters(query.filter, FILTER_FIELDS).map(({ column, operator, value }) => textFilter(column, operator, value, insensitive));
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

function textFilter(column: string, operator: FilterOperator, value: string, insensitive: boolean) {
  switch (operator) {
    case "EQUALS":
      return { [column]: value };
    case "NOT_EQUALS":
      return { [column]: { not: value } };
    case "LIKE":
      return { [column]: insensitive ? { contains: value, mode: "insensitive" } : { contains: value } };
    case "GREATER_THAN":
      return { [column]: { gt: value } };
    case "LESS_THAN":
      return { [column]: { lt: value } };
    case "IS_NULL":
      return { id: { lt: 0 } }; // these columns are never null
    case "IS_NOT_NULL":
      return {};
  }
}
