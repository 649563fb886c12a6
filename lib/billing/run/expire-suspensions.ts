import "#server-only";
import { directQuery } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import { writeTransaction } from "../../db/write-transaction";
import { cancelSubscriptions } from "../subscriptions/cancel-subscriptions";
import { SUSPENSION_DAYS } from "../subscriptions/subscription-cursor";
import { billingActor } from "./charge-writes";

// A subscription suspended for 60 days is cancelled (docs/billing.md,
// "Declines"): on the merchant's day, through the one cancel, with its
// subscription_cancelled event. Answers how many.
export async function expireSuspensions(merchantId: bigint, today: number): Promise<number> {
  const cutoff = today - SUSPENSION_DAYS;
  // A read first: the worker asks on every poll, and a write transaction each time would hold SQLite's write lock for nothing.
  const due = await directQuery<{ id: number }>(Prisma.sql`
    SELECT "id" FROM "Subscription" WHERE "merchantId" = ${merchantId} AND "status" = 'S' AND "suspendedDay" <= ${cutoff} LIMIT 1`);
  if (due.length === 0) return 0;
  const cancelled = await writeTransaction((tx) => cancelSubscriptions(tx, billingActor(merchantId), { suspendedOnOrBefore: cutoff }, today));
  return cancelled.length;
}
