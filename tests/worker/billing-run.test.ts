// The billing run on a real database, driven by the sandbox clock: the dates
// a subscription is charged on, declines, retries and suspension, and two
// runs at once charging each cycle once.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { moveSandboxClock, getSandboxClock } from "@/lib/sandbox-clock/sandbox-clock";
import { runMerchantBilling } from "@/lib/billing/run/billing-pass";
import { chargeSetupFee } from "@/lib/billing/run/charge-setup-fee";
import { merchantToday } from "@/lib/billing/merchant-today";
import { formatDay } from "@/lib/billing/utc-date";
import { SANDBOX_DECLINE_CARD } from "@/lib/gateway/sandbox-connector";
import { newMerchant } from "../support/fixtures";
import { insertSubscription, newSubscriber } from "../support/subscriptions";

async function merchant(): Promise<Actor> {
  const m = await newMerchant();
  return { merchantId: BigInt(m.merchantId), actor: "test" };
}

/** The days a subscription's transactions are dated (the sandbox clock's day when charged), oldest first. */
async function chargeDays(subscriptionId: number): Promise<string[]> {
  const rows = await getDb().transaction.findMany({ where: { subscriptionId }, orderBy: { id: "asc" } });
  return rows.map((row) => row.createdAt.toISOString().slice(0, 10));
}

async function ledger(subscriptionId: number) {
  return getDb().billingCharge.findMany({ where: { subscriptionId }, orderBy: { id: "asc" }, select: { seq: true, attempt: true, state: true, rcode: true } });
}

async function events(merchantId: bigint, type: string) {
  const rows = await getDb().event.findMany({ where: { merchantId, type }, orderBy: { id: "asc" } });
  return rows.map((row) => JSON.parse(row.payload) as Record<string, unknown>);
}

async function subscription(id: number) {
  return getDb().billingSubscription.findUniqueOrThrow({ where: { id } });
}

describe("a year of monthly billing through the sandbox clock", () => {
  // Written out by hand from the pinned rule: the start day, or the month's last day when the month is shorter.
  const cases: [string, string[]][] = [
    ["2027-01-29", ["01-29", "02-28", "03-29", "04-29", "05-29", "06-29", "07-29", "08-29", "09-29", "10-29", "11-29", "12-29"].map((d) => `2027-${d}`)],
    ["2027-01-30", ["01-30", "02-28", "03-30", "04-30", "05-30", "06-30", "07-30", "08-30", "09-30", "10-30", "11-30", "12-30"].map((d) => `2027-${d}`)],
    ["2027-01-31", ["01-31", "02-28", "03-31", "04-30", "05-31", "06-30", "07-31", "08-31", "09-30", "10-31", "11-30", "12-31"].map((d) => `2027-${d}`)],
    [
      "2028-02-29",
      [...["02-29", "03-29", "04-29", "05-29", "06-29", "07-29", "08-29", "09-29", "10-29", "11-29", "12-29"].map((d) => `2028-${d}`), "2029-01-29"],
    ],
  ];

  for (const [start, expected] of cases) {
    it(`started on ${start}: charged on exactly the pinned days, then complete`, async () => {
      const actor = await merchant();
      // The clock only moves forward, at most 400 days at a time.
      while ((await merchantToday(actor.merchantId)) + 400 < Date.parse(`${start}T00:00:00Z`) / 86_400_000)
        await moveSandboxClock(actor, { advance_days: 400 });
      await moveSandboxClock(actor, { date: start });
      expect(await getSandboxClock(actor.merchantId)).toEqual({ date: start });
      const id = await insertSubscription(actor, await newSubscriber(actor), { dateStart: start, amountMinor: 2500n });

      const moved = await moveSandboxClock(actor, { advance_days: 366 });
      expect(moved).toMatchObject({ charges: 12, declines: 0, suspended: 0, completed: 1 });
      // The first cycle was charged on the start day itself, by the move's "today first".
      expect(await chargeDays(id)).toEqual(expected);
      const row = await subscription(id);
      expect(row.status).toBe("D");
      expect(row.dueDay).toBeNull();
      // One ledger row per cycle; the attempt number counts the subscription's charges.
      expect((await ledger(id)).map((c) => [c.seq, c.attempt, c.state])).toEqual(expected.map((_, i) => [i + 1, i, "approved"]));
      expect(await events(actor.merchantId, "subscription_payment_success")).toHaveLength(12);
      expect(await events(actor.merchantId, "subscription_complete")).toEqual([expect.objectContaining({ subscription_id: id, status: "D" })]);
    });
  }
});

/** Today on the merchant's sandbox clock. */
async function today(actor: Actor): Promise<string> {
  return formatDay(await merchantToday(actor.merchantId));
}

const addDays = (date: string, days: number) => formatDay(Date.parse(`${date}T00:00:00Z`) / 86_400_000 + days);

describe("declines", () => {
  it("a soft decline is retried 1, 3 and 5 days after the cycle's date, then the subscription is suspended", async () => {
    const actor = await merchant();
    const start = await today(actor);
    // .51: the sandbox declines "051", insufficient funds, a soft decline.
    const id = await insertSubscription(actor, await newSubscriber(actor), { dateStart: start, amountMinor: 1051n });
    const moved = await moveSandboxClock(actor, { advance_days: 40 });
    expect(moved).toMatchObject({ charges: 0, declines: 4, suspended: 1, completed: 0 });
    expect(await chargeDays(id)).toEqual([start, addDays(start, 1), addDays(start, 3), addDays(start, 5)]);
    expect((await ledger(id)).map((c) => [c.seq, c.state, c.rcode])).toEqual(Array(4).fill([1, "declined", "051"]));
    const row = await subscription(id);
    expect(row).toMatchObject({ status: "S", dueDay: null, nextSeq: 1 });
    expect(formatDay(row.suspendedDay!)).toBe(addDays(start, 5));
    // Suspended: the next month's cycle is not charged.
    expect(await events(actor.merchantId, "subscription_payment_failure")).toHaveLength(4);
    expect(await events(actor.merchantId, "subscription_suspended")).toEqual([
      expect.objectContaining({ subscription_id: id, status: "S", card_id: row.cardId }),
    ]);
  });

  it("a subscription suspended for 60 days is cancelled, with its event", async () => {
    const actor = await merchant();
    const start = await today(actor);
    const id = await insertSubscription(actor, await newSubscriber(actor), { dateStart: start, amountMinor: 1007n });
    // Suspended on its first day by a hard decline; still suspended 59 days later.
    expect(await moveSandboxClock(actor, { advance_days: 59 })).toMatchObject({ suspended: 1, cancelled: 0 });
    expect((await subscription(id)).status).toBe("S");
    expect(await moveSandboxClock(actor, { advance_days: 1 })).toMatchObject({ cancelled: 1 });
    const row = await subscription(id);
    expect(row.status).toBe("C");
    expect(formatDay(row.statusDay!)).toBe(addDays(start, 60));
    expect(await events(actor.merchantId, "subscription_cancelled")).toEqual([expect.objectContaining({ subscription_id: id, status: "C" })]);
  });

  it("a hard decline suspends at once, without retries", async () => {
    const actor = await merchant();
    const start = await today(actor);
    // .07: "007", pick up card, a hard decline.
    const id = await insertSubscription(actor, await newSubscriber(actor), { dateStart: start, amountMinor: 1007n });
    expect(await moveSandboxClock(actor, { advance_days: 10 })).toMatchObject({ charges: 0, declines: 1, suspended: 1 });
    expect(await chargeDays(id)).toEqual([start]);
    expect((await subscription(id)).status).toBe("S");
  });

  it("a soft decline that is approved on a retry goes back to the schedule", async () => {
    const actor = await merchant();
    const start = await today(actor);
    const subscriber = await newSubscriber(actor, [SANDBOX_DECLINE_CARD, "4111111111111111"]);
    const id = await insertSubscription(actor, subscriber, { dateStart: start, amountMinor: 1000n });
    await moveSandboxClock(actor, { advance_days: 2 });
    // Declined on its day and on day 1; the merchant switches the card before day 3's retry.
    expect(await chargeDays(id)).toEqual([start, addDays(start, 1)]);
    await getDb().billingSubscription.update({ where: { id }, data: { cardId: subscriber.cardIds[1] } });
    await moveSandboxClock(actor, { advance_days: 1 });
    expect((await ledger(id)).map((c) => c.state)).toEqual(["declined", "declined", "approved"]);
    const row = await subscription(id);
    expect(row).toMatchObject({ status: "A", nextSeq: 2, declines: 0 });
    // The next cycle is due on its own date, a month after the start, not a month after the retry.
    const [y, m, d] = start.split("-").map(Number) as [number, number, number];
    const nextMonth = new Date(Date.UTC(y, m, Math.min(d, new Date(Date.UTC(y, m + 1, 0)).getUTCDate())));
    expect(formatDay(row.dueDay!)).toBe(nextMonth.toISOString().slice(0, 10));
  });
});

describe("two runs at once", () => {
  it("charge each due cycle once", async () => {
    const actor = await merchant();
    const start = await today(actor);
    const subscriber = await newSubscriber(actor);
    const ids = [];
    for (let i = 0; i < 150; i++) ids.push(await insertSubscription(actor, subscriber, { dateStart: start, amountMinor: 1000n + BigInt(i) * 100n }));
    const [a, b] = await Promise.all([
      runMerchantBilling(actor.merchantId, { workerId: "run-a", batch: 20 }),
      runMerchantBilling(actor.merchantId, { workerId: "run-b", batch: 20 }),
    ]);
    expect(a.charges + b.charges).toBe(150);
    const charges = await getDb().billingCharge.groupBy({ by: ["subscriptionId", "seq"], where: { merchantId: actor.merchantId }, _count: true });
    expect(charges).toHaveLength(150);
    expect(charges.every((c) => c._count === 1)).toBe(true);
    expect(await getDb().transaction.count({ where: { merchantId: actor.merchantId, status: "C" } })).toBe(150);
    // Nothing is left claimed or in flight.
    expect(await getDb().billingSubscription.count({ where: { id: { in: ids }, OR: [{ claimedBy: { not: null } }, { chargingPgId: { not: null } }] } })).toBe(
      0,
    );
  });
});

describe("the setup fee", () => {
  it("is charged through the ledger (cycle -1) and answers the gateway's response; a decline is said", async () => {
    const actor = await merchant();
    const start = addDays(await today(actor), 3);
    const subscriber = await newSubscriber(actor);
    const id = await insertSubscription(actor, subscriber, { dateStart: start, amountMinor: 1000n, setupMinor: 5000n });
    const approved = await chargeSetupFee(actor, id);
    expect(approved).toMatchObject({
      approved: true,
      response: { rcode: "000", status: "Approved", amt_tran: 50, card_id: subscriber.cardIds[0], recurring: false },
    });
    expect(approved.response.card_number).toMatch(/^411111x+1111$/);
    expect(await ledger(id)).toEqual([{ seq: -1, attempt: 0, state: "approved", rcode: "000" }]);
    // The fee moved no cursor: cycle 1 is still due on the start date.
    expect(await subscription(id)).toMatchObject({ nextSeq: 1, dueDay: Date.parse(`${start}T00:00:00Z`) / 86_400_000, claimedBy: null, chargingPgId: null });

    const declinedId = await insertSubscription(actor, subscriber, { dateStart: start, amountMinor: 1000n, setupMinor: 5051n });
    const declined = await chargeSetupFee(actor, declinedId);
    expect(declined).toMatchObject({ approved: false, response: { rcode: "051", status: "Declined", http_status: 402 } });
    expect((await subscription(declinedId)).status).toBe("A");
    expect(await events(actor.merchantId, "subscription_payment_failure")).toEqual([
      expect.objectContaining({ subscription_id: declinedId, cycle: -1, rcode: "051" }),
    ]);
  });
});
