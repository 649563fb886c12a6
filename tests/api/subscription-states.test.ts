// A subscription's status over HTTP against the real server and database:
// pause (A → P), resume (P skips the cycles it missed, S charges from the
// one that failed), cancel (A, P or S → C), each refused (409) from the
// wrong status and (400) for another customer_id, with their events and
// audit rows; a card a subscription charges cannot be deleted; deleting a
// customer cancels its subscriptions first. The billing run is not part of
// these tests: a suspension is written as the run writes it, and the
// merchant's sandbox clock is moved to let days pass.
import { beforeAll, describe, expect, it } from "vitest";
import { parseDay } from "@/lib/billing/utc-date";
import { getDb } from "@/lib/db/client";
import { newMerchant, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import {
  addCustomer,
  addSubscription,
  advanceDays,
  auditOf,
  day,
  eventsOf,
  eventsSince,
  expect400,
  expectStatusCode,
  merchantState,
  offPlanBody,
  subscriptionOf,
  subscriptionRow,
  today,
  type Customer,
} from "../support/subscription-api";

/** Writes a suspension as the billing run does: status S since `suspendedDay`, its declines counted, nothing due; the cycle it stands at stays. */
async function suspend(id: number, suspendedDay: number) {
  await getDb().$transaction((tx) => tx.billingSubscription.update({ where: { id }, data: { status: "S", suspendedDay, declines: 3, dueDay: null } }));
}

const eventData = (id: number, customerId: string, status: string, cardId: string | null = null) => ({
  subscription_id: id,
  customer_id: customerId,
  card_id: cardId,
  plan_id: 0,
  plan_code: null,
  status,
});

describe("pause, resume and cancel", () => {
  let m: TestMerchant;
  let customer: Customer;
  beforeAll(async () => {
    m = await newMerchant("Subscription states");
    customer = await addCustomer(m);
  });

  it("pauses an active subscription, resumes it and cancels it, each with its audit row; cancelling writes subscription_cancelled", async () => {
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    const id = s.subscription_id;
    const body = { customer_id: customer.customer_id };
    const before = await eventsOf(m);

    const pause = await m.api.post(`/subscription/${id}/pause`, body);
    expect(subscriptionOf(pause)).toMatchObject({ status: "P", date_next: s.date_start });
    expect(await subscriptionRow(id)).toMatchObject({ status: "P", dueDay: null, nextSeq: 1, statusDay: await today(m) });
    expect(await auditOf(pause)).toEqual([["subscription.pause", String(id)]]);

    const resume = await m.api.post(`/subscription/${id}/resume`, body);
    expect(subscriptionOf(resume)).toMatchObject({ status: "A", date_next: s.date_start });
    expect(await subscriptionRow(id)).toMatchObject({ status: "A", dueDay: parseDay(s.date_start), nextSeq: 1, declines: 0, statusDay: null });
    expect(await auditOf(resume)).toEqual([["subscription.resume", String(id)]]);

    const cancel = await m.api.post(`/subscription/${id}/cancel`, body);
    expect(subscriptionOf(cancel)).toMatchObject({ status: "C", date_next: "" });
    expect(await subscriptionRow(id)).toMatchObject({ status: "C", dueDay: null, statusDay: await today(m) });
    expect(await auditOf(cancel)).toEqual([["subscription.cancel", String(id)]]);
    expect(await eventsSince(m, before)).toEqual([["subscription_cancelled", eventData(id, customer.customer_id, "C")]]);
  });

  it("refuses a change from the wrong status with a 409 and changes nothing: pause of P or C, resume of A or C, cancel of C", async () => {
    const body = { customer_id: customer.customer_id };
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    const id = s.subscription_id;
    let state = await merchantState(m);
    expectStatusCode(await m.api.post(`/subscription/${id}/resume`, body), 409, 8);
    expect(await merchantState(m)).toEqual(state);

    expectStatus(await m.api.post(`/subscription/${id}/pause`, body), 200, "pause");
    state = await merchantState(m);
    expectStatusCode(await m.api.post(`/subscription/${id}/pause`, body), 409, 8);
    expect(await merchantState(m)).toEqual(state);

    expectStatus(await m.api.post(`/subscription/${id}/cancel`, body), 200, "cancel");
    state = await merchantState(m);
    for (const action of ["pause", "resume", "cancel"]) expectStatusCode(await m.api.post(`/subscription/${id}/${action}`, body), 409, 8);
    expect(await merchantState(m)).toEqual(state);
  });

  it("refuses another customer_id, or none, with a 400 naming customer_id, and changes nothing", async () => {
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    const other = await addCustomer(m);
    const state = await merchantState(m);
    for (const action of ["pause", "resume", "cancel"]) {
      expect400(await m.api.post(`/subscription/${s.subscription_id}/${action}`, { customer_id: other.customer_id }), "customer_id");
      expect400(await m.api.post(`/subscription/${s.subscription_id}/${action}`, {}), "customer_id");
      expect400(await m.api.post(`/subscription/${s.subscription_id}/${action}`, { customer_id: "bad id" }), "customer_id");
    }
    expect(await merchantState(m)).toEqual(state);
  });
});

describe("resume", () => {
  let m: TestMerchant;
  let customer: Customer;
  beforeAll(async () => {
    // Its own merchant: these tests move its clock.
    m = await newMerchant("Subscription resume");
    customer = await addCustomer(m);
  });

  it("from paused skips the cycles missed while paused: date_next is the first cycle due today or later", async () => {
    const body = { customer_id: customer.customer_id };
    const daily = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    const weekly = await addSubscription(m, await offPlanBody(m, customer.customer_id, { plan_frequency: 0 }));
    for (const s of [daily, weekly]) expectStatus(await m.api.post(`/subscription/${s.subscription_id}/pause`, body), 200, "pause");
    const start = daily.date_start;
    await advanceDays(m, 3);

    const resumedDaily = subscriptionOf(await m.api.post(`/subscription/${daily.subscription_id}/resume`, body));
    expect(resumedDaily).toMatchObject({ status: "A", date_next: await day(m) });
    expect(await subscriptionRow(daily.subscription_id)).toMatchObject({ nextSeq: 4, dueDay: await today(m) });

    const resumedWeekly = subscriptionOf(await m.api.post(`/subscription/${weekly.subscription_id}/resume`, body));
    expect(resumedWeekly.date_next).toBe(await day(m, 4));
    expect(resumedWeekly.date_next).toBe(new Date(Date.parse(start) + 7 * 86_400_000).toISOString().slice(0, 10));
    expect((await subscriptionRow(weekly.subscription_id)).nextSeq).toBe(2);
  });

  it("from paused, with no cycle left, completes it (D) with a subscription_complete event", async () => {
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id, { plan_duration: 2 }));
    const body = { customer_id: customer.customer_id };
    expectStatus(await m.api.post(`/subscription/${s.subscription_id}/pause`, body), 200, "pause");
    await advanceDays(m, 5);
    const before = await eventsOf(m);
    const res = await m.api.post(`/subscription/${s.subscription_id}/resume`, body);
    expect(subscriptionOf(res)).toMatchObject({ status: "D", date_next: "" });
    expect(await subscriptionRow(s.subscription_id)).toMatchObject({ status: "D", nextSeq: null, dueDay: null, statusDay: await today(m) });
    expect(await eventsSince(m, before)).toEqual([["subscription_complete", eventData(s.subscription_id, customer.customer_id, "D")]]);
    expectStatusCode(await m.api.post(`/subscription/${s.subscription_id}/resume`, body), 409, 8);
    expectStatusCode(await m.api.post(`/subscription/${s.subscription_id}/cancel`, body), 409, 8);
  });

  it("from suspended is due today at the cycle that failed (the run then charges it and each one missed), declines reset", async () => {
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    await suspend(s.subscription_id, await today(m));
    expect(subscriptionOf(await m.api.get(`/subscription/${s.subscription_id}`))).toMatchObject({ status: "S", date_next: s.date_start });
    await advanceDays(m, 4);
    const res = await m.api.post(`/subscription/${s.subscription_id}/resume`, { customer_id: customer.customer_id });
    expect(subscriptionOf(res)).toMatchObject({ status: "A", date_next: await day(m) });
    expect(await subscriptionRow(s.subscription_id)).toMatchObject({ status: "A", nextSeq: 1, dueDay: await today(m), declines: 0, suspendedDay: null });
  });

  it("from suspended is refused (409) while the card it charges is gone; after a card_id update it resumes", async () => {
    const two = await addCustomer(m, 2);
    const s = await addSubscription(m, await offPlanBody(m, two.customer_id, { card_id: two.cards[1] }));
    await suspend(s.subscription_id, await today(m));
    // A suspended subscription does not hold its card: the card can go.
    expectStatus(await m.api.put(`/vault/customer/${two.customer_id}/billing/delete`, { card_id: two.cards[1] }), 200, "delete card");
    const body = { customer_id: two.customer_id };
    const state = await merchantState(m);
    expectStatusCode(await m.api.post(`/subscription/${s.subscription_id}/resume`, body), 409, 8);
    expect(await merchantState(m)).toEqual(state);
    expectStatus(await m.api.put(`/subscription/${s.subscription_id}`, { card_id: "" }), 200, "update card");
    expect(subscriptionOf(await m.api.post(`/subscription/${s.subscription_id}/resume`, body)).status).toBe("A");
  });

  it("cancels a suspended subscription", async () => {
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    await suspend(s.subscription_id, await today(m));
    const before = await eventsOf(m);
    expect(subscriptionOf(await m.api.post(`/subscription/${s.subscription_id}/cancel`, { customer_id: customer.customer_id })).status).toBe("C");
    expect(await eventsSince(m, before)).toEqual([["subscription_cancelled", eventData(s.subscription_id, customer.customer_id, "C")]]);
  });
});

describe("cards in use", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Subscription cards");
  });

  const deleteCard = (c: Customer, cardId: string | undefined) => m.api.put(`/vault/customer/${c.customer_id}/billing/delete`, { card_id: cardId });

  it("a card an active or paused subscription charges by card_id cannot be deleted (409); once it is cancelled, it can", async () => {
    const c = await addCustomer(m, 2);
    const s = await addSubscription(m, await offPlanBody(m, c.customer_id, { card_id: c.cards[1] }));
    let state = await merchantState(m);
    expectStatusCode(await deleteCard(c, c.cards[1]), 409, 8);
    expect(await merchantState(m)).toEqual(state);

    expectStatus(await m.api.post(`/subscription/${s.subscription_id}/pause`, { customer_id: c.customer_id }), 200, "pause");
    state = await merchantState(m);
    expectStatusCode(await deleteCard(c, c.cards[1]), 409, 8);
    expect(await merchantState(m)).toEqual(state);

    expectStatus(await m.api.post(`/subscription/${s.subscription_id}/cancel`, { customer_id: c.customer_id }), 200, "cancel");
    expectStatus(await deleteCard(c, c.cards[1]), 200, "delete after cancel");
  });

  it("a subscription without card_id holds the customer's primary card (409), not its other cards", async () => {
    const c = await addCustomer(m, 2);
    await addSubscription(m, await offPlanBody(m, c.customer_id));
    const state = await merchantState(m);
    expectStatusCode(await deleteCard(c, c.cards[0]), 409, 8);
    expect(await merchantState(m)).toEqual(state);
    expectStatus(await deleteCard(c, c.cards[1]), 200, "delete the other card");
  });

  it("a customer update that would drop a card in use is refused too", async () => {
    const c = await addCustomer(m, 2);
    await addSubscription(m, await offPlanBody(m, c.customer_id, { card_id: c.cards[1] }));
    const state = await merchantState(m);
    const res = await m.api.put(`/vault/customer/${c.customer_id}`, { billing_cards: [{ card_id: c.cards[0] }] });
    expectStatusCode(res, 409, 8);
    expect(await merchantState(m)).toEqual(state);
  });
});

describe("deleting a customer", () => {
  it("cancels its active, paused and suspended subscriptions first, with their events and audit rows; complete ones stay; the rows keep its customer_id", async () => {
    const m = await newMerchant("Subscription customer delete");
    const c = await addCustomer(m);
    const body = { customer_id: c.customer_id };
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await addSubscription(m, await offPlanBody(m, c.customer_id))).subscription_id);
    const [active, paused, suspended, complete] = ids as [number, number, number, number];
    expectStatus(await m.api.post(`/subscription/${paused}/pause`, body), 200, "pause");
    await suspend(suspended, await today(m));
    await getDb().$transaction((tx) => tx.billingSubscription.update({ where: { id: complete }, data: { status: "D", nextSeq: null, dueDay: null } }));
    const other = await addCustomer(m);
    const untouched = await addSubscription(m, await offPlanBody(m, other.customer_id));

    const before = await eventsOf(m);
    const res = await m.api.delete(`/vault/customer/${c.customer_id}`);
    expectStatus(res, 200, "delete customer");
    const events = await eventsSince(m, before);
    expect(events.slice(0, 3)).toEqual([active, paused, suspended].map((id) => ["subscription_cancelled", eventData(id, c.customer_id, "C")]));
    expect(events.slice(3).map(([type]) => type)).toEqual(["vault_card_deleted", "vault_customer_deleted"]);
    expect(await auditOf(res)).toEqual([
      ["subscription.cancel", String(active)],
      ["subscription.cancel", String(paused)],
      ["subscription.cancel", String(suspended)],
      ["customer.delete", c.customer_id],
    ]);
    for (const id of ids) {
      const row = await subscriptionRow(id);
      expect([row.status, row.customerId, row.customerPk]).toEqual([id === complete ? "D" : "C", c.customer_id, null]);
    }
    expect(subscriptionOf(await m.api.get(`/subscription/${active}`))).toMatchObject({ customer_id: c.customer_id, customer_first_name: "", status: "C" });
    expect((await subscriptionRow(untouched.subscription_id)).status).toBe("A");
  });
});
