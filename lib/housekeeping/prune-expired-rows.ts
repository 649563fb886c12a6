import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { IDLE_MS } from "../portal/portal-session";
import type { HousekeepingJob } from "./housekeeping-job";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Delivered, failed and expired webhook deliveries are kept this long for the API and portal. */
export const DELIVERY_RETENTION_MS = 30 * DAY_MS;

const ago = (clock: { now(): Date }, ms: number) => new Date(clock.now().getTime() - ms);

// Rows that have done their work. Each job is one DELETE with a condition.

/** Transient keys a day after they expired (the form says "expired" until then, "unknown" after). */
export const pruneTransientKeys: HousekeepingJob = {
  name: "prune-transient-keys",
  everyMs: 5 * 60_000,
  run: async (clock) => (await writeTransaction((tx) => tx.transientKey.deleteMany({ where: { expiresAt: { lt: ago(clock, DAY_MS) } } }))).count,
};

/** Unclaimed embedded-form cards, as soon as their token expires: sealed card data is kept no longer than needed. */
export const prunePendingCards: HousekeepingJob = {
  name: "prune-pending-cards",
  everyMs: 60_000,
  run: async (clock) => (await writeTransaction((tx) => tx.pendingCard.deleteMany({ where: { expiresAt: { lte: clock.now() } } }))).count,
};

/** Idempotency records past their 24 hours. */
export const pruneIdempotencyRecords: HousekeepingJob = {
  name: "prune-idempotency-records",
  everyMs: 5 * 60_000,
  run: async (clock) => (await writeTransaction((tx) => tx.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: clock.now() } } }))).count,
};

/** Rate-limit counters whose window ended (lib/throttle): the next point starts a new window anyway. */
export const pruneRateLimits: HousekeepingJob = {
  name: "prune-rate-limits",
  everyMs: 5 * 60_000,
  run: async (clock) => (await writeTransaction((tx) => tx.rateLimit.deleteMany({ where: { expire: { lte: clock.now() } } }))).count,
};

/** Finished deliveries (with their attempts) and fanned-out events after 30 days. */
export const pruneWebhookHistory: HousekeepingJob = {
  name: "prune-webhook-history",
  everyMs: 60 * 60_000,
  run: async (clock) => {
    const before = ago(clock, DELIVERY_RETENTION_MS);
    return writeTransaction(async (tx) => {
      const deliveries = await tx.webhookDelivery.deleteMany({ where: { status: { not: "PENDING" }, createdAt: { lt: before } } });
      const events = await tx.event.deleteMany({ where: { fannedOutAt: { lt: before }, deliveries: { none: {} } } });
      return deliveries.count + events.count;
    });
  },
};

/** Portal sessions past their 15 idle minutes or 12 hours: the cookie that named them opens nothing already. */
export const prunePortalSessions: HousekeepingJob = {
  name: "prune-portal-sessions",
  everyMs: 5 * 60_000,
  run: async (clock) =>
    (
      await writeTransaction((tx) =>
        tx.portalSession.deleteMany({ where: { OR: [{ expiresAt: { lte: clock.now() } }, { lastSeenAt: { lt: ago(clock, IDLE_MS) } }] } }),
      )
    ).count,
};

/** Invitations a day after they expired (the page says "expired" until then), and accepted ones. */
export const pruneUserInvites: HousekeepingJob = {
  name: "prune-user-invites",
  everyMs: 60 * 60_000,
  run: async (clock) =>
    (await writeTransaction((tx) => tx.userInvite.deleteMany({ where: { OR: [{ expiresAt: { lt: ago(clock, DAY_MS) } }, { acceptedAt: { not: null } }] } })))
      .count,
};
