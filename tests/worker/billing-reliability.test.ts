// The billing run's promise of exactly once (docs/billing.md, "The billing
// run") against a fake upstream gateway that keeps its own record of what it
// charged: an answer lost on its way back, a gateway that never got the
// charge, a connector that cannot look charges up, workers killed with
// SIGKILL at the two moments that matter, and two workers sharing a year of
// a thousand subscriptions. Every charge is counted at the fake by its
// merch_ref_num, and the count must equal the ledger's.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { writeTransaction } from "@/lib/db/write-transaction";
import { runMerchantBilling } from "@/lib/billing/run/billing-pass";
import { chargeClaimed, emptyCounts } from "@/lib/billing/run/charge-claimed";
import { claimSubscriptions } from "@/lib/billing/run/claim-subscriptions";
import { merchantToday } from "@/lib/billing/merchant-today";
import { formatDay } from "@/lib/billing/utc-date";
import { merchantGateway } from "@/lib/gateway/merchant-gateway";
import { moveClockAhead } from "@/lib/gateway/set-merchant-gateway";
import type { GatewayConnector } from "@/lib/gateway/connector";
import { startFakeUpstream, type FakeUpstream } from "../support/fake-upstream-gateway";
import { insertSubscription, newSubscriber } from "../support/subscriptions";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";
import { approvedAtUpstream, ledgerOf, lookupsAsked, repeatedSales, upstreamBillingCharges, upstreamMerchant, waitUntil } from "../support/billing-checks";

let fake: FakeUpstream;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  fake = await startFakeUpstream();
});

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
    await worker.exited;
  }
  fake.mode = "approve";
  fake.delayMs = 0;
  fake.lookupDelayMs = 0;
  // The worker bills every merchant in the database: leave no work behind for the next test's workers.
  await getDb().billingSubscription.updateMany({ where: { status: "A" }, data: { status: "C", dueDay: null } });
  await getDb().billingSubscription.updateMany({ where: { chargingPgId: { not: null } }, data: { chargingPgId: null } });
});

afterAll(async () => {
  await fake.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` monthly subscriptions due today on the merchant's clock, `perSubscriber` to a customer. */
async function dueToday(actor: Actor, count: number, amountMinor = (_i: number) => 2500n, perSubscriber = 5): Promise<number[]> {
  const today = formatDay(await merchantToday(actor.merchantId));
  const ids: number[] = [];
  let subscriber = await newSubscriber(actor);
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % perSubscriber === 0) subscriber = await newSubscriber(actor);
    ids.push(await insertSubscription(actor, subscriber, { dateStart: today, amountMinor: amountMinor(i) }));
  }
  return ids;
}

const subscriptionRow = (id: number) => getDb().billingSubscription.findUniqueOrThrow({ where: { id } });

/** Waits out a subscription's claim (a reconcile's retry time), as a worker polling would. */
async function pastClaim(id: number): Promise<void> {
  const { claimUntil } = await subscriptionRow(id);
  if (claimUntil !== null) await sleep(Math.max(0, Number(claimUntil) - Date.now()) + 20);
}

const PASS = { workerId: "test-run", reconcileRetryMs: 200 };

describe("an outcome the run could not record, in-process", () => {
  it("an answer lost on its way back stays unknown, then is looked up and recorded once, with no second sale for the cycle", async () => {
    const actor = await upstreamMerchant(fake, "Lost Answers");
    // The third is one the upstream declines (.05), so the lookup's decline is recorded too.
    const ids = await dueToday(actor, 3, (i) => (i === 2 ? 905n : 2500n));
    fake.mode = "lose-answer";
    const lost = await runMerchantBilling(actor.merchantId, PASS);
    expect(lost).toMatchObject({ charges: 0, declines: 0, unknown: 3 });

    // The upstream processed all three; the vault knows none of the outcomes.
    expect(
      upstreamBillingCharges(fake)
        .filter((c) => ids.includes(c.subscriptionId))
        .map((c) => [c.subscriptionId, c.seq, c.approved]),
    ).toEqual([
      [ids[0], 1, true],
      [ids[1], 1, true],
      [ids[2], 1, false],
    ]);
    expect(await ledgerOf(actor.merchantId)).toEqual(ids.map((id) => [id, 1, 0, "unknown"]));
    for (const id of ids) {
      const row = await subscriptionRow(id);
      const [charge] = await getDb().billingCharge.findMany({ where: { subscriptionId: id } });
      expect(row.chargingPgId).toBe(charge!.pgId);
      expect(row.claimedBy).toBeNull();
      expect(Number(row.claimUntil)).toBeGreaterThan(Date.now() - 1000); // looked up again later, not at once
      expect(await getDb().transaction.findUniqueOrThrow({ where: { pgId: charge!.pgId } })).toMatchObject({ status: "F", rcode: "998" });
    }

    fake.mode = "approve";
    for (const id of ids) await pastClaim(id);
    const reconciled = await runMerchantBilling(actor.merchantId, PASS);
    expect(reconciled).toMatchObject({ charges: 2, declines: 1, unknown: 0, notSent: 0 });
    expect(lookupsAsked(fake).filter((ref) => ids.some((id) => ref.startsWith(`sub-${id}-`)))).toHaveLength(3);
    expect(await ledgerOf(actor.merchantId)).toEqual([
      [ids[0], 1, 0, "approved"],
      [ids[1], 1, 0, "approved"],
      [ids[2], 1, 0, "declined"],
    ]);
    // One sale call per charge, ever: reconciling sent nothing again.
    expect(ids.map((id) => fake.saleCalls.get(`sub-${id}-cycle-1-try-0`))).toEqual([1, 1, 1]);
    expect(upstreamBillingCharges(fake).filter((c) => ids.includes(c.subscriptionId))).toHaveLength(3);

    const [first] = await getDb().billingCharge.findMany({ where: { subscriptionId: ids[0] } });
    const upstreamPgId = fake.charges.get(`sub-${ids[0]}-cycle-1-try-0`)!.pgId;
    expect(await getDb().transaction.findUniqueOrThrow({ where: { pgId: first!.pgId } })).toMatchObject({
      status: "C",
      rcode: "000",
      approvedMinor: 2500n,
      authCode: "U12345",
      upstreamPgId,
    });
    const today = await merchantToday(actor.merchantId);
    expect(await subscriptionRow(ids[0]!)).toMatchObject({ chargingPgId: null, nextSeq: 2, declines: 0 });
    expect((await subscriptionRow(ids[0]!)).dueDay).toBeGreaterThan(today + 27);
    // The decline is retried a day later, as if it had been answered at once.
    expect(await subscriptionRow(ids[2]!)).toMatchObject({ chargingPgId: null, nextSeq: 1, declines: 1, dueDay: today + 1 });
    const paid = await getDb().event.findMany({ where: { merchantId: actor.merchantId, type: "subscription_payment_success" } });
    expect(paid).toHaveLength(2);

    // Nothing left to do: another pass asks the upstream nothing.
    const sent = fake.received.length;
    expect(await runMerchantBilling(actor.merchantId, PASS)).toMatchObject({ charges: 0, declines: 0, unknown: 0, notSent: 0, review: 0 });
    expect(fake.received.length).toBe(sent);
  });

  it("a charge the upstream never got (HTTP 500) is reconciled as not sent, and the cycle is charged again under the next attempt, once", async () => {
    const actor = await upstreamMerchant(fake, "Never Got It");
    const [id] = await dueToday(actor, 1);
    fake.mode = "fail";
    expect(await runMerchantBilling(actor.merchantId, PASS)).toMatchObject({ charges: 0, unknown: 1 });
    expect(fake.charges.has(`sub-${id}-cycle-1-try-0`)).toBe(false);

    // While the upstream still fails, its lookup cannot tell either: the charge stays unknown and is not sent again.
    await pastClaim(id!);
    expect(await runMerchantBilling(actor.merchantId, PASS)).toMatchObject({ charges: 0, unknown: 0, notSent: 0 });
    expect(lookupsAsked(fake).filter((ref) => ref.startsWith(`sub-${id}-`))).toEqual([`sub-${id}-cycle-1-try-0`]);
    expect(await ledgerOf(actor.merchantId)).toEqual([[id, 1, 0, "unknown"]]);
    expect((await subscriptionRow(id!)).chargingPgId).not.toBeNull();

    fake.mode = "approve";
    await pastClaim(id!);
    expect(await runMerchantBilling(actor.merchantId, PASS)).toMatchObject({ charges: 1, notSent: 1, unknown: 0 });
    expect(await ledgerOf(actor.merchantId)).toEqual([
      [id, 1, 0, "not_sent"],
      [id, 1, 1, "approved"],
    ]);
    expect(fake.saleCalls.get(`sub-${id}-cycle-1-try-0`)).toBeUndefined();
    expect(fake.saleCalls.get(`sub-${id}-cycle-1-try-1`)).toBe(1);
    expect([...approvedAtUpstream(fake, [id!]).entries()]).toEqual([[`${id}/1`, 1]]);
    const [notSent, charged] = await getDb().billingCharge.findMany({ where: { subscriptionId: id }, orderBy: { id: "asc" } });
    expect((await getDb().transaction.findUniqueOrThrow({ where: { pgId: notSent!.pgId } })).rmsg).toMatch(/^Not sent/);
    expect((await getDb().transaction.findUniqueOrThrow({ where: { pgId: charged!.pgId } })).status).toBe("C");
    expect(await getDb().auditLog.count({ where: { merchantId: actor.merchantId, action: "subscription.charge_not_sent", targetId: notSent!.pgId } })).toBe(1);
    expect(await subscriptionRow(id!)).toMatchObject({ chargingPgId: null, nextSeq: 2, nextAttempt: 2 });
  });

  // Regression: a claim that ran out while its worker's call was still at the upstream let another run reconcile the
  // charge before the upstream had acted on it: "not sent", so charged again under the next attempt, and then the
  // first call landed too: two approved sales for one cycle.
  it("a run whose claim runs out while its call is at the upstream keeps the subscription: no other run looks it up or charges it again", async () => {
    const actor = await upstreamMerchant(fake, "Slow Upstream");
    const [id] = await dueToday(actor, 1);
    fake.delayMs = 1500;
    const slow = runMerchantBilling(actor.merchantId, { workerId: "test-slow", leaseMs: 300, reconcileRetryMs: 200 });
    await sleep(700); // the slow run's claim of 300 ms is over; its sale is still at the upstream
    const other = await runMerchantBilling(actor.merchantId, { workerId: "test-other", reconcileRetryMs: 200 });
    expect(other).toMatchObject({ charges: 0, notSent: 0, unknown: 0 });
    expect(await slow).toMatchObject({ charges: 1, unknown: 0 });
    expect(lookupsAsked(fake).filter((ref) => ref.startsWith(`sub-${id}-`))).toEqual([]);
    expect([...approvedAtUpstream(fake, [id!]).entries()]).toEqual([[`${id}/1`, 1]]);
    expect(await ledgerOf(actor.merchantId)).toEqual([[id, 1, 0, "approved"]]);
    expect(await subscriptionRow(id!)).toMatchObject({ chargingPgId: null, claimedBy: null, nextSeq: 2 });
  });

  // Regression: a batch's lookups run one after another, and could outlast its claim; another run then looked the same
  // charge up too, and both recorded its outcome: its events and audit rows twice.
  it("a run whose claim runs out during its lookup keeps the subscription: its outcome is recorded once", async () => {
    const actor = await upstreamMerchant(fake, "Slow Lookup");
    const [id] = await dueToday(actor, 1);
    fake.mode = "lose-answer";
    expect(await runMerchantBilling(actor.merchantId, PASS)).toMatchObject({ unknown: 1 });
    fake.mode = "approve";
    await pastClaim(id!);
    fake.lookupDelayMs = 1500;
    const slow = runMerchantBilling(actor.merchantId, { workerId: "test-slow", leaseMs: 300, reconcileRetryMs: 200 });
    await sleep(700); // the slow run's claim of 300 ms is over; its lookup is still at the upstream
    const other = await runMerchantBilling(actor.merchantId, { workerId: "test-other", reconcileRetryMs: 200 });
    expect(other).toMatchObject({ charges: 0, notSent: 0, unknown: 0 });
    expect(await slow).toMatchObject({ charges: 1, unknown: 0 });
    expect(lookupsAsked(fake).filter((ref) => ref.startsWith(`sub-${id}-`))).toEqual([`sub-${id}-cycle-1-try-0`]);
    expect(await ledgerOf(actor.merchantId)).toEqual([[id, 1, 0, "approved"]]);
    expect(await getDb().event.count({ where: { merchantId: actor.merchantId, type: "subscription_payment_success" } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { merchantId: actor.merchantId, action: "subscription.charge" } })).toBe(1);
  });

  // No registered connector lacks a lookup today (the sandbox's and the upstream's both have one), so the run cannot
  // meet this through a merchant's settings. The interface makes lookup optional; this drives the run's own claim and
  // batch functions with the merchant's real upstream connector, its lookup taken away, to show what a connector
  // without one gets: the charge goes to review and the subscription is held, never charged again on its own.
  it("a connector without a lookup leaves the charge for review and the subscription held: never sent again", async () => {
    const actor = await upstreamMerchant(fake, "No Lookup");
    const [id] = await dueToday(actor, 1);
    fake.mode = "lose-answer";
    expect(await runMerchantBilling(actor.merchantId, PASS)).toMatchObject({ unknown: 1 });
    fake.mode = "approve";
    await pastClaim(id!);

    const gateway = await merchantGateway(actor.merchantId);
    const { lookup: _dropped, ...withoutLookup }: GatewayConnector = gateway.connector;
    const today = await merchantToday(actor.merchantId);
    const claimed = await claimSubscriptions(actor.merchantId, today, { workerId: "test-run", nowMs: Date.now(), leaseMs: 60_000, limit: 100 });
    expect(claimed.map((s) => s.id)).toEqual([id]);
    const counts = emptyCounts();
    await chargeClaimed(claimed, { gateway: { ...gateway, connector: withoutLookup }, today, workerId: "test-run", reconcileRetryMs: 200, counts });
    expect(counts).toMatchObject({ review: 1, charges: 0, notSent: 0 });
    expect(await ledgerOf(actor.merchantId)).toEqual([[id, 1, 0, "review"]]);
    expect(await subscriptionRow(id!)).toMatchObject({ heldForReview: true, chargingPgId: null, claimedBy: null, status: "A", nextSeq: 1 });
    expect(await getDb().auditLog.count({ where: { merchantId: actor.merchantId, action: "subscription.charge_review" } })).toBe(1);

    // Held: passes with the merchant's own connector (which could look it up) leave it alone, and nothing is sent.
    const sent = fake.received.length;
    for (let pass = 0; pass < 2; pass++) {
      expect(await runMerchantBilling(actor.merchantId, PASS)).toMatchObject({ charges: 0, declines: 0, unknown: 0, notSent: 0, review: 0 });
    }
    expect(fake.received.length).toBe(sent);
    expect(fake.saleCalls.get(`sub-${id}-cycle-1-try-0`)).toBe(1);
    expect(await ledgerOf(actor.merchantId)).toEqual([[id, 1, 0, "review"]]);
  });
});

/** Starts a worker process, to be killed after the test if it is still running. */
async function worker(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const started = await startWorkerProcess(env);
  workers.push(started);
  return started;
}

/** The "billing pass" lines a worker logged (lib/billing/run counts, one line per pass that did something). */
function billingPasses(running: WorkerProcess): { workerId: string; charges: number; notSent: number; unknown: number }[] {
  return running
    .log()
    .split("\n")
    .filter((line) => line.includes('"billing pass"'))
    .map((line) => JSON.parse(line) as { workerId: string; charges: number; notSent: number; unknown: number });
}

/** A subscription's approved transactions, and their total in minor units. */
async function approvedTransactions(subscriptionIds: number[]): Promise<{ count: number; totalMinor: bigint }> {
  const rows = await getDb().transaction.findMany({ where: { subscriptionId: { in: subscriptionIds }, status: "C" }, select: { approvedMinor: true } });
  return { count: rows.length, totalMinor: rows.reduce((sum, row) => sum + row.approvedMinor, 0n) };
}

describe("a worker killed with SIGKILL in the middle of a batch", () => {
  const SUBSCRIPTIONS = 20;
  // A short claim, so the restarted worker takes over the dead one's batch within seconds. Rows whose ledger is
  // written stay held while their calls may be at the gateway (two rounds of 16 calls here, and two more, at the
  // gateway's timeout): a short timeout for the worker that dies keeps that to 4 s.
  const CLAIM = { BILLING_CLAIM_SECONDS: "2" };
  const DYING = { ...CLAIM, GATEWAY_TIMEOUT_MS: "1000" };

  async function crashAt(point: "after-ledger" | "after-call") {
    const actor = await upstreamMerchant(fake, `Crash ${point}`);
    const ids = await dueToday(actor, SUBSCRIPTIONS, (i) => BigInt(1000 + i * 100));
    const crashed = await worker({ ...DYING, BILLING_CRASH_AT: point });
    expect(await crashed.exited).toBeNull();
    expect(crashed.child.signalCode).toBe("SIGKILL");
    // It died holding the whole batch: every ledger row written, none resolved.
    expect(await ledgerOf(actor.merchantId)).toEqual(ids.map((id) => [id, 1, 0, "pending"]));
    const charging = await getDb().billingSubscription.count({ where: { id: { in: ids }, chargingPgId: { not: null } } });
    expect(charging).toBe(SUBSCRIPTIONS);
    return { actor, ids };
  }

  async function restartAndDrain(actor: Actor, ids: number[]): Promise<WorkerProcess> {
    const restarted = await worker(CLAIM);
    await waitUntil(
      "the restarted worker resolved and charged every subscription's first cycle",
      async () => (await getDb().billingSubscription.count({ where: { id: { in: ids }, nextSeq: 2, chargingPgId: null } })) === ids.length,
      60_000,
    );
    restarted.child.kill("SIGTERM");
    expect(await restarted.exited).toBe(0);
    // Nothing doubled: one approved sale per cycle at the upstream, no merch_ref_num sent twice, and the ledger,
    // the transactions and the events all say the same.
    const approved = approvedAtUpstream(fake, ids);
    expect([...approved.keys()].sort()).toEqual(ids.map((id) => `${id}/1`).sort());
    expect([...approved.values()].every((n) => n === 1)).toBe(true);
    expect(repeatedSales(fake).filter((ref) => ids.some((id) => ref.startsWith(`sub-${id}-`)))).toEqual([]);
    const ledgerApproved = (await ledgerOf(actor.merchantId)).filter(([, , , state]) => state === "approved");
    expect(ledgerApproved).toHaveLength(SUBSCRIPTIONS);
    const expectedTotal = ids.reduce((sum, _id, i) => sum + BigInt(1000 + i * 100), 0n);
    expect(await approvedTransactions(ids)).toEqual({ count: SUBSCRIPTIONS, totalMinor: expectedTotal });
    const upstreamTotal = upstreamBillingCharges(fake)
      .filter((c) => c.approved && ids.includes(c.subscriptionId))
      .reduce((sum, c) => sum + Math.round(c.amtTran * 100), 0);
    expect(BigInt(upstreamTotal)).toBe(expectedTotal);
    expect(await getDb().event.count({ where: { merchantId: actor.merchantId, type: "subscription_payment_success" } })).toBe(SUBSCRIPTIONS);
    return restarted;
  }

  it("after its ledger rows were committed, before any call: the restart reconciles each as not sent and charges it once under the next attempt", async () => {
    const { actor, ids } = await crashAt("after-ledger");
    // The dead worker never called the upstream.
    expect(upstreamBillingCharges(fake).filter((c) => ids.includes(c.subscriptionId))).toEqual([]);
    const restarted = await restartAndDrain(actor, ids);

    const ledger = await ledgerOf(actor.merchantId);
    expect(ledger.filter(([, , attempt]) => attempt === 0)).toEqual(ids.map((id) => [id, 1, 0, "not_sent"]));
    expect(ledger.filter(([, , attempt]) => attempt === 1).sort((a, b) => a[0] - b[0])).toEqual(ids.map((id) => [id, 1, 1, "approved"]));
    expect(lookupsAsked(fake).filter((ref) => ids.some((id) => ref === `sub-${id}-cycle-1-try-0`))).toHaveLength(SUBSCRIPTIONS);
    expect(ids.every((id) => fake.saleCalls.get(`sub-${id}-cycle-1-try-1`) === 1 && !fake.saleCalls.has(`sub-${id}-cycle-1-try-0`))).toBe(true);
    const passes = billingPasses(restarted);
    expect(passes.reduce((sum, pass) => sum + pass.notSent, 0)).toBe(SUBSCRIPTIONS);
  });

  it("after the upstream answered, before the outcomes were written: the restart looks each up and records it approved, sending nothing again", async () => {
    const { actor, ids } = await crashAt("after-call");
    // The dead worker's calls reached the upstream, which charged every one.
    expect(approvedAtUpstream(fake, ids).size).toBe(SUBSCRIPTIONS);
    const restarted = await restartAndDrain(actor, ids);

    expect((await ledgerOf(actor.merchantId)).sort((a, b) => a[0] - b[0])).toEqual(ids.map((id) => [id, 1, 0, "approved"]));
    expect(lookupsAsked(fake).filter((ref) => ids.some((id) => ref === `sub-${id}-cycle-1-try-0`))).toHaveLength(SUBSCRIPTIONS);
    expect(ids.every((id) => fake.saleCalls.get(`sub-${id}-cycle-1-try-0`) === 1)).toBe(true);
    for (const id of ids) {
      const [charge] = await getDb().billingCharge.findMany({ where: { subscriptionId: id } });
      const transaction = await getDb().transaction.findUniqueOrThrow({ where: { pgId: charge!.pgId } });
      expect(transaction.upstreamPgId).toBe(fake.charges.get(`sub-${id}-cycle-1-try-0`)!.pgId);
    }
    expect(billingPasses(restarted).reduce((sum, pass) => sum + pass.charges, 0)).toBe(SUBSCRIPTIONS);
  });
});

// Workers sharing the run is a PostgreSQL setup (their claims pass over each other's rows, FOR UPDATE SKIP LOCKED); on
// SQLite the README advises one worker, so this runs on PostgreSQL only.
if (inject("provider") === "postgres") {
  describe("two workers sharing a year of a thousand subscriptions", () => {
    const SUBSCRIPTIONS = 1000;
    const CYCLES = 12;
    const DAY_SECONDS = 86_400;

    it("charge every (subscription, cycle) exactly once, counted at the upstream, in the ledger and in the transactions, and both take part", async () => {
      const actor = await upstreamMerchant(fake, "Two Workers");
      const today = await merchantToday(actor.merchantId);
      // Start dates spread over a month; the amounts vary so that a charge counted twice or missed shows in the totals.
      const amountOf = (i: number) => BigInt(1000 + (i % 37) * 100);
      const ids: number[] = [];
      let subscriber = await newSubscriber(actor);
      for (let i = 0; i < SUBSCRIPTIONS; i++) {
        if (i > 0 && i % 20 === 0) subscriber = await newSubscriber(actor);
        ids.push(await insertSubscription(actor, subscriber, { dateStart: formatDay(today + (i % 31)), amountMinor: amountOf(i), duration: CYCLES }));
      }
      const pair = await Promise.all([worker(), worker()]);

      const owed = async () => {
        const day = await merchantToday(actor.merchantId);
        return getDb().billingSubscription.count({
          where: { merchantId: actor.merchantId, OR: [{ status: "A", dueDay: { lte: day } }, { chargingPgId: { not: null } }] },
        });
      };
      // The last cycle falls at most 30 days plus 11 months after today: twelve moves of 31 days pass it.
      for (let month = 0; month <= CYCLES; month++) {
        if (month > 0) await writeTransaction((tx) => moveClockAhead(tx, actor.merchantId, 31 * DAY_SECONDS));
        await waitUntil(`both workers drained month ${month}`, async () => (await owed()) === 0, 60_000);
      }
      await Promise.all(pair.map(async (running) => (running.child.kill("SIGTERM"), expect(await running.exited).toBe(0))));

      expect(await getDb().billingSubscription.count({ where: { id: { in: ids }, status: "D" } })).toBe(SUBSCRIPTIONS);
      // At the upstream: one approved sale for each of the 12,000 (subscription, cycle), each merch_ref_num sent once.
      const approved = approvedAtUpstream(fake, ids);
      expect(approved.size).toBe(SUBSCRIPTIONS * CYCLES);
      expect([...approved.values()].filter((n) => n !== 1)).toEqual([]);
      expect(repeatedSales(fake)).toEqual([]);
      // The ledger says the same: one approved row per cycle and nothing else.
      const ledger = await ledgerOf(actor.merchantId);
      expect(ledger).toHaveLength(SUBSCRIPTIONS * CYCLES);
      expect(ledger.filter(([, , attempt, state]) => state !== "approved" || attempt >= CYCLES)).toEqual([]);
      // And the money: the upstream's total, the ledger's and the transactions' are the same, and what the terms owe.
      const owedTotal = ids.reduce((sum, _id, i) => sum + amountOf(i) * BigInt(CYCLES), 0n);
      const upstreamTotal = upstreamBillingCharges(fake)
        .filter((c) => c.approved && ids.includes(c.subscriptionId))
        .reduce((sum, c) => sum + BigInt(Math.round(c.amtTran * 100)), 0n);
      const ledgerTotal = await getDb().billingCharge.aggregate({ where: { merchantId: actor.merchantId, state: "approved" }, _sum: { amountMinor: true } });
      expect(upstreamTotal).toBe(owedTotal);
      expect(ledgerTotal._sum.amountMinor).toBe(owedTotal);
      expect(await approvedTransactions(ids)).toEqual({ count: SUBSCRIPTIONS * CYCLES, totalMinor: owedTotal });

      // Both workers charged a share, by their own log lines, and their shares add up to every charge.
      const shares = pair.map((running) => billingPasses(running).reduce((sum, pass) => sum + pass.charges, 0));
      expect(
        shares.every((share) => share > 0),
        `shares ${shares.join(" + ")}`,
      ).toBe(true);
      expect(shares[0]! + shares[1]!).toBe(SUBSCRIPTIONS * CYCLES);
    }, 240_000);
  });
}
