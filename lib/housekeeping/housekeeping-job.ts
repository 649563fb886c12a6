import type { Clock } from "../webhooks/delivery/clock";

/**
 * A scheduled job of the worker. Each is one conditional statement (or a
 * few), so two workers running it at once just find less to do.
 */
export type HousekeepingJob = {
  name: string;
  everyMs: number;
  /** Returns how many rows it changed. */
  run: (clock: Clock) => Promise<number>;
};
