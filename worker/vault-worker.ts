import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { logger } from "@/lib/log/logger";
import { systemClock, type Clock } from "@/lib/webhooks/delivery/clock";
import { claimDueEndpoints } from "@/lib/webhooks/delivery/claim-endpoints";
import { deliverEndpoint, MAX_DELIVERIES_PER_CLAIM } from "@/lib/webhooks/delivery/deliver-endpoint";
import { FAN_OUT_BATCH, fanOutEvents } from "@/lib/webhooks/delivery/fan-out-events";
import { DELIVERY_TIMEOUT_MS } from "@/lib/webhooks/delivery/send-delivery";
import { HOUSEKEEPING_JOBS } from "@/lib/housekeeping/jobs";
import { runBillingPass } from "@/lib/billing/run/billing-pass";
import { runAccountUpdaterPass } from "@/lib/account-updater/run/account-updater-pass";
import type { HousekeepingJob } from "@/lib/housekeeping/housekeeping-job";

export type WorkerOptions = {
  workerId?: string;
  clock?: Clock;
  /** Endpoints sent to at once (each endpoint is sent to one request at a time). */
  concurrency?: number;
  /** Wait between polls when there is nothing to do. */
  pollMs?: number;
  timeoutMs?: number;
  leaseMs?: number;
  jobs?: HousekeepingJob[];
};

/**
 * The background worker: fans out new events, delivers due webhooks (a
 * pool of claimed endpoints), runs the housekeeping jobs when they are
 * due, charges the subscription cycles due (lib/billing/run) and runs the Account Updater (lib/account-updater/run). stop() stops claiming, lets the requests in flight finish (at most
 * the delivery timeout), and gives every lease back.
 */
export class VaultWorker {
  readonly workerId: string;
  private readonly clock: Clock;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly jobs: HousekeepingJob[];
  private readonly jobNextRun = new Map<string, number>();
  private readonly active = new Map<number, Promise<unknown>>();
  /** Endpoints given back after a full turn, and until when (ms) this worker leaves them to others. */
  private readonly handedOff = new Map<number, number>();
  private stopping = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(options: WorkerOptions = {}) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.clock = options.clock ?? systemClock;
    this.concurrency = options.concurrency ?? 8;
    this.pollMs = options.pollMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    // Longer than one request may take, so a live worker never loses its lease mid-request.
    this.leaseMs = options.leaseMs ?? this.timeoutMs * 3;
    this.jobs = options.jobs ?? HOUSEKEEPING_JOBS;
  }

  start(): void {
    logger.info({ workerId: this.workerId, concurrency: this.concurrency }, "worker started");
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    logger.info({ workerId: this.workerId }, "worker stopped; leases released");
  }

  /** One pass of everything, for tests: fan out, deliver what is due, wait for it. */
  async runOnce(): Promise<void> {
    while ((await fanOutEvents(this.clock)) > 0);
    for (;;) {
      const claimed = await this.claim(false);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((id) => this.active.get(id)));
    }
    await this.runDueJobs();
    await this.bill();
    await this.updateAccounts();
  }

  /** Charges every subscription cycle due on its merchant's day (lib/billing/run): claimed in batches, so workers share it. */
  private async bill(): Promise<void> {
    const counts = await runBillingPass({ workerId: this.workerId, isStopping: () => this.stopping });
    if (Object.values(counts).some((count) => count > 0)) {
      logger.info({ workerId: this.workerId, ...counts }, "billing pass");
    }
  }

  /** The Account Updater's run (lib/account-updater/run): answers collected and applied, monthly harvests, files sent. */
  private async updateAccounts(): Promise<void> {
    const counts = await runAccountUpdaterPass({ workerId: this.workerId, isStopping: () => this.stopping });
    if (Object.values(counts).some((count) => count > 0)) {
      logger.info({ workerId: this.workerId, ...counts }, "account updater pass");
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      try {
        // Busy only after a full batch: events written one by one while the
        // API is busy would otherwise keep the worker in a tight loop of
        // transactions, each for a handful of events, taking CPU and (on
        // SQLite) the write lock from the server. A partial batch waits for
        // the next poll, where the events written meanwhile go out together.
        busy = (await fanOutEvents(this.clock)) >= FAN_OUT_BATCH;
        busy = (await this.claim()).length > 0 || busy;
        await this.runDueJobs();
        await this.bill();
        await this.updateAccounts();
      } catch (error) {
        logger.error({ err: error, workerId: this.workerId }, "worker pass failed; retrying");
      }
      if (!busy && !this.stopping) await this.sleep(this.pollMs);
    }
    await Promise.allSettled(this.active.values());
  }

  /**
   * Claims endpoints for the free slots. An endpoint this worker just gave
   * back after a full turn (MAX_DELIVERIES_PER_CLAIM) sits out two polls, so
   * another worker can take the rest of its backlog; runOnce (one worker,
   * tests) does not wait for that.
   */
  private async claim(letOthersTakeTurns = true): Promise<number[]> {
    const lease = { workerId: this.workerId, clock: this.clock, leaseMs: this.leaseMs };
    const now = Date.now();
    for (const [id, until] of this.handedOff) if (until <= now) this.handedOff.delete(id);
    const exclude = [...this.active.keys(), ...(letOthersTakeTurns ? this.handedOff.keys() : [])];
    const claimed = await claimDueEndpoints({ ...lease, limit: this.concurrency - this.active.size, exclude });
    for (const webhookId of claimed) {
      const sending = deliverEndpoint(webhookId, { ...lease, timeoutMs: this.timeoutMs, isStopping: () => this.stopping })
        .then((delivered) => {
          if (delivered >= MAX_DELIVERIES_PER_CLAIM) this.handedOff.set(webhookId, Date.now() + 2 * this.pollMs);
        })
        .catch((error: unknown) => logger.error({ err: error, webhookId, workerId: this.workerId }, "delivering to a webhook failed"))
        .finally(() => {
          this.active.delete(webhookId);
          this.wake?.(); // a slot is free: look for more work now
        });
      this.active.set(webhookId, sending);
    }
    return claimed;
  }

  private async runDueJobs(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const job of this.jobs) {
      if ((this.jobNextRun.get(job.name) ?? 0) > now) continue;
      this.jobNextRun.set(job.name, now + job.everyMs);
      const started = performance.now();
      try {
        const changed = await job.run(this.clock);
        const ms = Math.round(performance.now() - started);
        if (changed > 0) logger.info({ job: job.name, changed, ms, workerId: this.workerId }, "housekeeping job ran");
        else logger.debug({ job: job.name, ms }, "housekeeping job found nothing to do");
      } catch (error) {
        logger.error({ err: error, job: job.name, workerId: this.workerId }, "housekeeping job failed");
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
