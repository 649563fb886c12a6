// The worker as real processes (`npm run worker`) against one database:
// two at once deliver each event once per endpoint, one killed with
// SIGKILL loses nothing, and SIGTERM finishes what it holds. Run on both
// databases (SQLite's transactions take turns, so two workers are safe
// there too, if slower; the README still advises one).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { addWebhook } from "@/lib/webhooks/add-webhook";
import { recordEvents } from "@/lib/events/record-event";
import type { Actor } from "@/lib/audit/record-audit";
import { newMerchant } from "../support/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

let receiver: WebhookReceiver;
const workers: WorkerProcess[] = [];

beforeEach(async () => {
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
    await worker.exited;
  }
  await getDb().$transaction((tx) => tx.webhook.updateMany({ data: { status: "DISABLED" } }));
  await receiver.close();
});

/** `endpoints` merchants, each with a webhook on the receiver and `perEndpoint` events queued. Returns every event_id expected. */
async function queueWork(endpoints: number, perEndpoint: number): Promise<{ eventIds: string[]; webhookIds: number[] }> {
  const eventIds: string[] = [];
  const webhookIds: number[] = [];
  for (let e = 0; e < endpoints; e++) {
    const merchant = await newMerchant();
    const actor: Actor = { merchantId: BigInt(merchant.merchantId), actor: "test" };
    const webhook = await addWebhook(actor, { label: `shop ${e}`, notification_url: `${receiver.url}?endpoint=${e}`, events: ["vault_customer_updated"] });
    webhookIds.push(webhook.webhook_id);
    const entries = Array.from({ length: perEndpoint }, (_, i) => ({ type: "vault_customer_updated" as const, data: { customer_id: `C${i}` } }));
    eventIds.push(...(await getDb().$transaction((tx) => recordEvents(tx, actor.merchantId, entries))));
  }
  // validate_url events are also owed; count only these.
  return { eventIds, webhookIds };
}

async function start(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const worker = await startWorkerProcess(env);
  workers.push(worker);
  return worker;
}

function timesReceived(eventIds: string[]): Map<string, number> {
  const counts = new Map(eventIds.map((id) => [id, 0]));
  for (const r of receiver.requests) if (counts.has(r.body.event_id)) counts.set(r.body.event_id, counts.get(r.body.event_id)! + 1);
  return counts;
}

const allReceived = (eventIds: string[]) => () => [...timesReceived(eventIds).values()].every((n) => n >= 1);

describe("worker processes", () => {
  it("two workers on one database deliver every event exactly once per endpoint, sharing the work", async () => {
    receiver.answer = () => ({ status: 200, delayMs: 10 });
    // Both running and idle before the work arrives; two endpoints each at a
    // time, so neither can take all six at once.
    await Promise.all([start({ WORKER_CONCURRENCY: "2" }), start({ WORKER_CONCURRENCY: "2" })]);
    const { eventIds, webhookIds } = await queueWork(6, 25);
    await receiver.waitFor(allReceived(eventIds), 90_000);

    const counts = timesReceived(eventIds);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    // Each endpoint got its events in the order they were written.
    for (let e = 0; e < 6; e++) {
      const got = receiver.requests.filter((r) => r.path.endsWith(`endpoint=${e}`) && r.body.event !== "validate_url").map((r) => r.body.event_id);
      expect(got).toEqual(eventIds.slice(e * 25, (e + 1) * 25));
    }
    const attempts = await getDb().webhookDeliveryAttempt.findMany({ where: { delivery: { webhookId: { in: webhookIds } } }, select: { workerId: true } });
    expect(new Set(attempts.map((a) => a.workerId)).size).toBe(2);
    // The last success is recorded just after the receiver answered it.
    await expect
      .poll(() => getDb().webhookDelivery.count({ where: { webhookId: { in: webhookIds }, status: { not: "DELIVERED" } } }), { timeout: 10_000 })
      .toBe(0);
  });

  it("one endpoint's backlog passes between two workers in turns (100 at a time), still in order and once each", async () => {
    receiver.answer = () => 200;
    await Promise.all([start(), start()]);
    const { eventIds, webhookIds } = await queueWork(1, 260);
    await receiver.waitFor(allReceived(eventIds), 90_000);
    const got = receiver.requests.filter((r) => r.body.event !== "validate_url").map((r) => r.body.event_id);
    expect(got).toEqual(eventIds);
    const attempts = await getDb().webhookDeliveryAttempt.findMany({
      where: { delivery: { webhookId: webhookIds[0] } },
      orderBy: { id: "asc" },
      select: { workerId: true },
    });
    expect(new Set(attempts.map((a) => a.workerId)).size).toBe(2);
  });

  it("a worker killed with SIGKILL mid-batch loses nothing: a restarted worker takes its endpoints when the leases run out", async () => {
    const { eventIds, webhookIds } = await queueWork(3, 20);
    receiver.answer = () => ({ status: 200, delayMs: 20 });
    const first = await start({ WEBHOOK_TIMEOUT_MS: "1000" }); // lease: 3 s
    await receiver.waitFor((requests) => requests.length >= 15, 60_000);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    const receivedBeforeKill = receiver.requests.length;
    expect(receivedBeforeKill).toBeLessThan(eventIds.length + 3);

    const leased = await getDb().webhook.count({ where: { id: { in: webhookIds }, leaseOwner: { not: null } } });
    expect(leased).toBeGreaterThan(0); // the dead worker's leases are still there...
    await start({ WEBHOOK_TIMEOUT_MS: "1000" });
    await receiver.waitFor(allReceived(eventIds), 90_000); // ...until they run out

    const counts = timesReceived(eventIds);
    // At most the request in flight per endpoint at the kill is sent twice.
    const repeated = [...counts.values()].filter((n) => n > 1);
    expect(repeated.length).toBeLessThanOrEqual(3);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    await expect
      .poll(() => getDb().webhookDelivery.count({ where: { webhookId: { in: webhookIds }, status: { not: "DELIVERED" } } }), { timeout: 10_000 })
      .toBe(0);
  });

  it("on SIGTERM a worker finishes the request it is sending, records it, releases its lease and exits 0", async () => {
    const { eventIds, webhookIds } = await queueWork(1, 3);
    receiver.answer = () => ({ status: 200, delayMs: 1500 });
    const worker = await start();
    await receiver.waitFor((requests) => requests.length >= 1, 30_000);
    const inFlight = receiver.requests[0]!.body.event_id;
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.log()).toContain('"worker stopped; leases released"');

    const hook = await getDb().webhook.findUniqueOrThrow({ where: { id: webhookIds[0] } });
    expect(hook.leaseOwner).toBeNull();
    const delivered = await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: webhookIds[0], event: { eventId: inFlight } } });
    expect(delivered.status).toBe("DELIVERED");
    // What it had not started is still owed, and the next worker sends it at once (no lease to wait out).
    expect(receiver.requests).toHaveLength(1);
    receiver.answer = () => 200;
    await start();
    await receiver.waitFor(allReceived(eventIds), 30_000);
    expect([...timesReceived(eventIds).values()]).toEqual([1, 1, 1]);
  });
});
