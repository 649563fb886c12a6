import "#server-only";
import { directQuery } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import { getEnv } from "../../env";
import { merchantGateway } from "../../gateway/merchant-gateway";
import { dayOfInstant, dayOnClock } from "../merchant-today";
import { SUSPENSION_DAYS } from "../subscriptions/subscription-cursor";
import { addCounts, chargeClaimed, emptyCounts, type BillingCounts } from "./charge-claimed";
import { claimSubscriptions } from "./claim-subscriptions";
import { expireSuspensions } from "./expire-suspensions";

// The billing run (docs/billing.md, "The billing run"): for each merchant
// with subscriptions that have work, on that merchant's day (its sandbox
// clock, or real time), claim a batch, charge it, and go on until nothing
// is left. The worker runs a pass on every poll; the sandbox clock runs one
// merchant's day by day.

export type BillingRunOptions = {
  workerId: string;
  /** Subscriptions claimed at once: their ledger rows commit together, and so do their outcomes. */
  batch?: number;
  /** How long a claim lasts (default BILLING_CLAIM_SECONDS). */
  leaseMs?: number;
  /** When an outcome the connector could not tell is looked up again. */
  reconcileRetryMs?: number;
  /** Checked between batches: a stopping worker finishes the batch it holds and claims no more. */
  isStopping?: () => boolean;
};

export const BILLING_BATCH = 100;
const RECONCILE_RETRY_MS = 60_000;

/** Charges everything due for one merchant on its day (or on `today`, a day number, when given); answers what happened. */
export async function runMerchantBilling(merchantId: bigint, options: BillingRunOptions, today?: number): Promise<BillingCounts> {
  const gateway = await merchantGateway(merchantId);
  const day = today ?? dayOfInstant(gateway.now().getTime());
  const counts = emptyCounts();
  const leaseMs = options.leaseMs ?? getEnv().BILLING_CLAIM_SECONDS * 1000;
  while (!options.isStopping?.()) {
    const claimed = await claimSubscriptions(merchantId, day, {
      workerId: options.workerId,
      nowMs: Date.now(),
      leaseMs,
      limit: options.batch ?? BILLING_BATCH,
    });
    if (claimed.length === 0) break;
    const before = { ...counts };
    await chargeClaimed(claimed, {
      gateway,
      today: day,
      workerId: options.workerId,
      reconcileRetryMs: options.reconcileRetryMs ?? RECONCILE_RETRY_MS,
      counts,
    });
    // A batch that charged, reconciled and suspended nothing gave every claim back unchanged: claiming
    // again would find the same rows. (A reconcile put off for later moves its claim ahead instead.)
    const unchanged = (Object.keys(counts) as (keyof BillingCounts)[]).every((key) => counts[key] === before[key]);
    if (unchanged && claimed.every((subscription) => !subscription.chargingPgId)) break;
  }
  if (!options.isStopping?.()) counts.cancelled += await expireSuspensions(merchantId, day);
  return counts;
}

type MerchantWork = {
  merchantId: bigint | number;
  clockOffsetSeconds: bigint | number | null;
  firstDue: bigint | number | null;
  firstSuspended: bigint | number | null;
  charging: bigint | number;
};

/**
 * The merchants with work today on their own clock: a cycle or retry due, an
 * unresolved charge, or a suspension 60 days old. One read per pass: a
 * merchant whose subscriptions are all due later costs the worker no claim
 * (a write transaction) on every poll.
 */
async function merchantsWithWork(nowMs: number): Promise<bigint[]> {
  const rows = await directQuery<MerchantWork>(Prisma.sql`
    SELECT s."merchantId", g."clockOffsetSeconds",
      MIN(CASE WHEN s."status" = 'A' AND NOT s."heldForReview" THEN s."dueDay" END) AS "firstDue",
      MIN(CASE WHEN s."status" = 'S' THEN s."suspendedDay" END) AS "firstSuspended",
      COUNT(s."chargingPgId") AS "charging"
    FROM "Subscription" s LEFT JOIN "MerchantGateway" g ON g."merchantId" = s."merchantId"
    WHERE (s."status" = 'A' AND s."dueDay" IS NOT NULL) OR s."status" = 'S' OR s."chargingPgId" IS NOT NULL
    GROUP BY s."merchantId", g."clockOffsetSeconds"`);
  return rows
    .filter((row) => {
      const today = dayOnClock(row.clockOffsetSeconds, nowMs);
      return (
        Number(row.charging) > 0 ||
        (row.firstDue !== null && Number(row.firstDue) <= today) ||
        (row.firstSuspended !== null && Number(row.firstSuspended) <= today - SUSPENSION_DAYS)
      );
    })
    .map((row) => BigInt(row.merchantId));
}

/** One pass over every merchant: what the worker runs on each poll. */
export async function runBillingPass(options: BillingRunOptions): Promise<BillingCounts> {
  const total = emptyCounts();
  for (const merchantId of await merchantsWithWork(Date.now())) if (!options.isStopping?.()) addCounts(total, await runMerchantBilling(merchantId, options));
  return total;
}
