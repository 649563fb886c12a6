// The billing run on a real database, driven by the sandbox clock: the dates
// a subscription is charged on, declines, retries and suspension, and two
// runs at once charging each cycle once.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { moveSandboxClock, getSandboxClock } from "@/lib/billing/sandbox-clock/sandbox-clock";
import { runMerchantBilling } from "@/lib/billing/run/billing-pass";
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
