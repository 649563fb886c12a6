import "#server-only";
import { getDb, type Tx } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import type { Clock } from "./clock";

// A worker claims whole endpoints, not single deliveries: the holder of a
// webhook's lease is the only one sending to it, which keeps its events in
// order and makes two workers deliver each event once. The claim is a
// conditional UPDATE (lease free or run out); on PostgreSQL a second
// worker's UPDATE of the same row waits for the first to commit and then
// finds the condition false, so exactly one wins. A worker that dies keeps
// its lease only until leaseUntil; then another worker takes over.

export type LeaseOptions = { workerId: string; clock: Clock; leaseMs: number };

/** Claims up to `limit` webhooks that have a delivery due; returns their ids. */
export async function claimDueEndpoints(options: LeaseOptions & { limit: number; exclude?: Iterable<number> }): Promise<number[]> {
  if (options.limit <= 0) return [];
  const now = options.clock.now();
  const leaseFree = { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  // GROUP BY in the database (Prisma's `distinct` would fetch every due row);
  // the endpoint waiting longest goes first, so none is starved.
  const due = await getDb().webhookDelivery.groupBy({
    by: ["webhookId"],
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: now },
      webhookId: { notIn: [...(options.exclude ?? [])] },
      webhook: { status: "ACTIVE", ...leaseFree },
    },
    orderBy: { _min: { nextAttemptAt: "asc" } },
    take: options.limit,
  });
  if (due.length === 0) return [];
  const leaseUntil = new Date(now.getTime() + options.leaseMs);
  return writeTransaction(async (tx) => {
    const claimed: number[] = [];
    for (const { webhookId } of due) {
      const won = await tx.webhook.updateMany({
        where: { id: webhookId, status: "ACTIVE", ...leaseFree },
        data: { leaseOwner: options.workerId, leaseUntil },
      });
      if (won.count === 1) claimed.push(webhookId);
    }
    return claimed;
  });
}

/** Extends this worker's lease, in the caller's transaction; false when it has lost it (run out and taken) or the webhook is no longer ACTIVE. */
export async function renewLease(tx: Tx, webhookId: number, options: LeaseOptions): Promise<boolean> {
  const leaseUntil = new Date(options.clock.now().getTime() + options.leaseMs);
  const renewed = await tx.webhook.updateMany({ where: { id: webhookId, leaseOwner: options.workerId, status: "ACTIVE" }, data: { leaseUntil } });
  return renewed.count === 1;
}

/** Gives the endpoint back, so another worker can take it at once. */
export async function releaseLease(webhookId: number, workerId: string): Promise<void> {
  await writeTransaction((tx) => tx.webhook.updateMany({ where: { id: webhookId, leaseOwner: workerId }, data: { leaseOwner: null, leaseUntil: null } }));
}
