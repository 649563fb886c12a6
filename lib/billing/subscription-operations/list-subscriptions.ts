import "#server-only";
import { z } from "zod";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/sql";
import { parseOptions } from "../../errors/parse-options";
import { pageFields } from "../../paging/page-options";
import { formatDay } from "../utc-date";
import { SUBSCRIPTION_STATUSES } from "./schemas";

// The portal's Subscriptions page and a customer's subscriptions panel: the
// merchant's subscriptions newest first, found by one search box (a
// subscription_id or a customer_id, exact, as the Transactions page
// searches), a status letter, or one customer.

// subscription_id is a 32-bit column: a longer number cannot name one (and PostgreSQL refuses to compare it).
const MAX_SUBSCRIPTION_ID = 2_147_483_647;

const ListSubscriptionsSchema = z.object({
  merchantId: z.bigint(),
  search: z.string().trim().max(128).optional(),
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
  customerId: z.string().optional(),
  ...pageFields(25),
});
export type ListSubscriptionsOptions = z.input<typeof ListSubscriptionsSchema>;

/** One subscription as the lists show it; amounts in minor units. */
export type SubscriptionListRow = {
  subscriptionId: number;
  customerId: string;
  status: string;
  planId: number | null;
  planCode: string | null;
  planName: string | null;
  description: string;
  amountMinor: number;
  currency: number;
  frequency: number;
  interval: number;
  /** The day the billing run next charges it ("YYYY-MM-DD"), or null when nothing is due. */
  nextDate: string | null;
  heldForReview: boolean;
  createdAt: Date;
};

export type SubscriptionListPage = { rows: SubscriptionListRow[]; total: number; page: number; pageSize: number };

const listSelect = {
  id: true,
  customerId: true,
  status: true,
  planId: true,
  planCode: true,
  planName: true,
  description: true,
  amountMinor: true,
  currency: true,
  frequency: true,
  interval: true,
  dueDay: true,
  heldForReview: true,
  createdAt: true,
} as const;

export async function listSubscriptions(options: ListSubscriptionsOptions): Promise<SubscriptionListPage> {
  const { merchantId, search, status, customerId, page, pageSize } = parseOptions(ListSubscriptionsSchema, options);
  const conditions: Prisma.BillingSubscriptionWhereInput[] = [];
  if (search) {
    const id = /^\d{1,10}$/.test(search) && Number(search) <= MAX_SUBSCRIPTION_ID ? Number(search) : null;
    conditions.push({ OR: [{ customerId: search }, ...(id === null ? [] : [{ id }])] });
  }
  if (status) conditions.push({ status });
  if (customerId !== undefined) conditions.push({ customerId });
  const where = { merchantId, AND: conditions };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.billingSubscription.count({ where }),
    db.billingSubscription.findMany({ where, orderBy: [{ id: "desc" }], skip: (page - 1) * pageSize, take: pageSize, select: listSelect }),
  ]);
  return {
    rows: rows.map((row) => ({
      subscriptionId: row.id,
      customerId: row.customerId,
      status: row.status,
      planId: row.planId,
      planCode: row.planCode,
      planName: row.planName,
      description: row.description,
      amountMinor: Number(row.amountMinor),
      currency: row.currency,
      frequency: row.frequency,
      interval: row.interval,
      nextDate: row.status === "A" && row.dueDay !== null ? formatDay(row.dueDay) : null,
      heldForReview: row.heldForReview,
      createdAt: row.createdAt,
    })),
    total,
    page,
    pageSize,
  };
}

/** How many subscriptions, of any status, each of the merchant's plan versions has (a version without any is absent). */
export async function subscriptionCountsByPlan(merchantId: bigint, planIds: number[]): Promise<Map<number, number>> {
  if (planIds.length === 0) return new Map();
  const groups = await getDb().billingSubscription.groupBy({ by: ["planId"], where: { merchantId, planId: { in: planIds } }, _count: { _all: true } });
  return new Map(groups.flatMap((g) => (g.planId === null ? [] : [[g.planId, g._count._all] as const])));
}
