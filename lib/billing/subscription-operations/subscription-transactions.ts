import "#server-only";
import { getDb } from "../../db/client";
import type { ListPage } from "../../paging/list-page";
import { browseTransactions } from "../../payments/browse-transactions";
import type { TransactionResponse } from "../../payments/transaction-response";
import type { TransactionBrowseQuery } from "../../payments/transaction-schemas";
import { getSubscriptionOrThrow } from "./get-subscription-or-throw";

// GET /subscription/transactions and GET /subscription/transactions/{id}:
// the transactions subscriptions made (setup fees and cycles, declines
// included), as GET /transaction browses them (filters, order, paging),
// each with the subscription_id it billed, as the reference's Transaction
// has it.

/** A subscription's transaction: the reference's Transaction with its subscription_id (a string there). */
export type SubscriptionTransactionResponse = {
  [K in keyof TransactionResponse | "subscription_id"]: K extends keyof TransactionResponse ? TransactionResponse[K] : string;
};

/** Every transaction of the merchant's subscriptions. */
export async function browseSubscriptionTransactions(merchantId: bigint, query: TransactionBrowseQuery): Promise<ListPage<SubscriptionTransactionResponse>> {
  const page = await browseTransactions(merchantId, query, { subscriptionId: { not: null } });
  const pgIds = page.data.map((t) => t.pg_id);
  const rows = pgIds.length === 0 ? [] : await getDb().transaction.findMany({ where: { pgId: { in: pgIds } }, select: { pgId: true, subscriptionId: true } });
  const subscriptionOf = new Map(rows.map((row) => [row.pgId, String(row.subscriptionId)]));
  return { ...page, data: page.data.map((t) => ({ ...t, subscription_id: subscriptionOf.get(t.pg_id) ?? "" })) };
}

/** The transactions of one of the merchant's subscriptions; another merchant's subscription is a 404. */
export async function getSubscriptionTransactions(
  merchantId: bigint,
  subscriptionId: number,
  query: TransactionBrowseQuery,
): Promise<ListPage<SubscriptionTransactionResponse>> {
  const subscription = await getSubscriptionOrThrow(getDb(), merchantId, subscriptionId);
  const page = await browseTransactions(merchantId, query, { subscriptionId: subscription.id });
  return { ...page, data: page.data.map((t) => ({ ...t, subscription_id: String(subscription.id) })) };
}
