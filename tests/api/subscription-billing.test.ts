// Subscriptions billed through the API and the sandbox clock, end to end on
// the real server: a soft decline retried, then suspended; the card changed
// and the subscription resumed, its missed cycles charged once each, oldest
// first; pause and resume skipping what was missed; the transactions the
// subscription API lists.
import { describe, expect, it } from "vitest";
import { SANDBOX_DECLINE_CARD } from "@/lib/gateway/sandbox-connector";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import { day, subscriptionOf } from "../support/subscription-api";

async function clock(m: TestMerchant, days: number): Promise<Record<string, unknown>> {
  const res = await m.api.post("/sandbox/clock", { advance_days: days });
  expectStatus(res, 200, "sandbox clock");
  return res.body.data as Record<string, unknown>;
}

async function transactions(
  m: TestMerchant,
  subscriptionId: number,
): Promise<{ tran_status: string; rcode: string; tran_time: string; merch_ref_num: string }[]> {
  const res = await m.api.get(`/subscription/transactions/${subscriptionId}?count=100&order_by=asc`);
  expectStatus(res, 200, "subscription transactions");
  return res.body.data;
}

/** A customer whose primary card the sandbox declines on every sale, with a good second card. */
async function customerWithDecliningCard(m: TestMerchant): Promise<{ customerId: string; declining: string; good: string }> {
  const customerId = uniqueCustomerId("B");
  const cards = [SANDBOX_DECLINE_CARD, uniqueVisa()].map((card_number) => ({ card_number, exp_date: futureExpiry(6), billing_zip: "12345" }));
  const res = await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Dee", billing_cards: cards });
  expectStatus(res, 200, "customer");
  const [declining, good] = (res.body.data.billing_cards as { card_id: string }[]).map((c) => c.card_id) as [string, string];
  return { customerId, declining, good };
}

const monthly = async (m: TestMerchant, customerId: string, extra: Record<string, unknown> = {}) =>
  subscriptionOf(
    await m.api.post("/subscription", { customer_id: customerId, date_start: await day(m), plan_frequency: 3, plan_duration: 12, amt_tran: 30, ...extra }),
  );

describe("billing a subscription through the API and the sandbox clock", () => {
  it("soft declines are retried, then it is suspended; with the card changed and resumed, each missed cycle is charged once, oldest first", async () => {
    const m = await newMerchant();
    const { customerId, declining, good } = await customerWithDecliningCard(m);
    const start = await day(m);
    const s = await monthly(m, customerId, { card_id: declining });
    // Day 0 and the retries on days 1, 3 and 5 are declined ("051", soft); then suspended.
    expect(await clock(m, 45)).toMatchObject({ charges: 0, declines: 4, suspended: 1 });
    const declined = await transactions(m, s.subscription_id);
    expect(declined.map((t) => [t.tran_status, t.rcode])).toEqual(Array(4).fill(["D", "051"]));
    expect(subscriptionOf(await m.api.get(`/subscription/${s.subscription_id}`))).toMatchObject({ status: "S", date_next: start });

    // 45 days on, cycle 2 (a month after the start) has passed while suspended.
    expectStatus(await m.api.put(`/subscription/${s.subscription_id}`, { card_id: good }), 200, "change card");
    const resumed = subscriptionOf(await m.api.post(`/subscription/${s.subscription_id}/resume`, { customer_id: customerId }));
    expect(resumed).toMatchObject({ status: "A", card_id: good, date_next: await day(m) });
    // The move runs today's work first: cycles 1 and 2 are charged now, once each.
    expect(await clock(m, 1)).toMatchObject({ charges: 2, declines: 0 });
    const after = await transactions(m, s.subscription_id);
    // Approved (captured, and settled once the clock passes a midnight).
    const approved = after.filter((t) => t.rcode === "000");
    expect(approved.map((t) => t.merch_ref_num.replace(/-try-\d+$/, ""))).toEqual([`sub-${s.subscription_id}-cycle-1`, `sub-${s.subscription_id}-cycle-2`]);
    // Nothing more until cycle 3's own date.
    expect(await clock(m, 1)).toMatchObject({ charges: 0 });
    expect(subscriptionOf(await m.api.get(`/subscription/${s.subscription_id}`)).status).toBe("A");
  });

  it("paused, it is not charged; resumed, it skips what it missed and charges from the next cycle on its date", async () => {
    const m = await newMerchant();
    const { customerId, good } = await customerWithDecliningCard(m);
    const s = await monthly(m, customerId, { card_id: good, plan_frequency: 0, plan_duration: 10 });
    expect(await clock(m, 1)).toMatchObject({ charges: 1 });
    expectStatus(await m.api.post(`/subscription/${s.subscription_id}/pause`, { customer_id: customerId }), 200, "pause");
    // Three weekly cycles pass while paused.
    expect(await clock(m, 21)).toMatchObject({ charges: 0 });
    const resumed = subscriptionOf(await m.api.post(`/subscription/${s.subscription_id}/resume`, { customer_id: customerId }));
    expect(resumed.status).toBe("A");
    expect(resumed.date_next! >= (await day(m))).toBe(true);
    // The week after the resume: exactly one charge, on date_next.
    expect(await clock(m, 7)).toMatchObject({ charges: 1 });
    const approved = (await transactions(m, s.subscription_id)).filter((t) => t.rcode === "000");
    expect(approved).toHaveLength(2);
    expect(approved[1]!.tran_time.slice(0, 10)).toBe(resumed.date_next);
  });
});
