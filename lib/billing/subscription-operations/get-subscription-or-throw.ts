import "#server-only";
import { getDb, type Db, type Tx } from "../../db/client";
import { forUpdate } from "../../db/locks";
import { notFound } from "../../errors/api-error";
import { subscriberNames, subscriptionSelect, subscriptionToResponse, type SubscriptionRow } from "./subscription-rows";
import type { SetupFeeResponse, SubscriptionResponse } from "./schemas";

// subscription_id is "up to 10 N" in the reference, its column a 32-bit
// integer: a well-formed id past that range cannot exist, so it is a 404
// (PostgreSQL refuses to compare it).
const MAX_SUBSCRIPTION_ID = 2_147_483_647;

/** The merchant's subscription, whatever its status, or a 404 (another merchant's subscription is unknown here). */
export async function getSubscriptionOrThrow(db: Db | Tx, merchantId: bigint, subscriptionId: number): Promise<SubscriptionRow> {
  if (subscriptionId > MAX_SUBSCRIPTION_ID) throw notFound("Subscription");
  const row = await db.billingSubscription.findFirst({ where: { id: subscriptionId, merchantId }, select: subscriptionSelect });
  if (!row) throw notFound("Subscription");
  return row;
}

/**
 * Inside a transaction: the merchant's subscription, locked (FOR UPDATE on
 * PostgreSQL; SQLite's write transactions already take turns) so that two
 * changes to it, or a change and the billing run's, act one after the other.
 */
export async function lockSubscriptionOrThrow(tx: Tx, merchantId: bigint, subscriptionId: number): Promise<SubscriptionRow> {
  if (subscriptionId > MAX_SUBSCRIPTION_ID) throw notFound("Subscription");
  await tx.$queryRaw`SELECT 1 FROM "Subscription" WHERE "id" = ${subscriptionId} AND "merchantId" = ${merchantId} ${forUpdate()}`;
  return getSubscriptionOrThrow(tx, merchantId, subscriptionId);
}

/** A subscription row as the API answers it, with its subscriber's name. */
export async function answerFor(db: Db | Tx, row: SubscriptionRow, response?: SetupFeeResponse): Promise<SubscriptionResponse> {
  const names = await subscriberNames(db, [row]);
  return subscriptionToResponse(row, row.customerPk === null ? undefined : names.get(row.customerPk), response);
}

/** GET /subscription/{subscription_id}. */
export async function getSubscription(merchantId: bigint, subscriptionId: number): Promise<SubscriptionResponse> {
  const db = getDb();
  return answerFor(db, await getSubscriptionOrThrow(db, merchantId, subscriptionId));
}
