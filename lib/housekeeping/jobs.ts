import "#server-only";
import { expireCheckoutLinks } from "./expire-checkout-links";
import {
  pruneIdempotencyRecords,
  pruneRateLimits,
  prunePendingCards,
  pruneTransientKeys,
  pruneWebhookHistory,
  prunePortalSessions,
  pruneUserInvites,
} from "./prune-expired-rows";
import type { HousekeepingJob } from "./housekeeping-job";

/** Every job the worker runs on a schedule. */
export const HOUSEKEEPING_JOBS: HousekeepingJob[] = [
  expireCheckoutLinks,
  pruneTransientKeys,
  prunePendingCards,
  pruneIdempotencyRecords,
  pruneRateLimits,
  pruneWebhookHistory,
  prunePortalSessions,
  pruneUserInvites,
];
