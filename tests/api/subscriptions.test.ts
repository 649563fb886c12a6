// Subscriptions (/platform/subscription...) against the real server and
// database: add (off-plan and on a plan, for an existing or an inline
// customer, on a chosen card or the primary one), get, browse and update,
// answers checked against the Subscription shape (strict), the field rules
// table-tested (each a 400 naming the field that changes nothing), a plan
// deleted under its subscribers (plans.test.ts has versions), and another merchant's
// subscriptions. Pause, resume, cancel, cards in use and customer deletes:
// subscription-states.test.ts; labels and transactions:
// subscription-labels.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { parseDay } from "@/lib/billing/utc-date";
import { newMerchant, type TestMerchant } from "../support/fixtures";
import { customerBody, expectStatus } from "../support/security-suite";
import {
  addCustomer,
  addPlan,
  addSubscription,
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
  subscriptionsOf,
  today,
  type Customer,
} from "../support/subscription-api";

describe("POST /subscription (add)", () => {
  let m: TestMerchant;
  let customer: Customer;
  beforeAll(async () => {
    m = await newMerchant("Subscriptions add");
    customer = await addCustomer(m, 2);
  });

  it("adds an off-plan subscription: the Subscription shape, status A, due on date_start, minor units, an audit row", async () => {
    const start = await day(m, 3);
    const res = await m.api.post("/subscription", {
      customer_id: customer.customer_id,
      date_start: start,
      plan_frequency: 3,
      plan_duration: 3,
      amt_tran: "12.50",
      plan_desc: "Flowers, monthly",
      purchase_id: "INV-1",
      profile_id: "21200000000100000840",
      pct_fee: 2.5,
    });
    const subscription = subscriptionOf(res);
    expect(subscription).toEqual({
      subscription_id: subscription.subscription_id,
      merchant_id: m.merchantId,
      customer_id: customer.customer_id,
      customer_first_name: "Grace",
      customer_last_name: "Hopper",
      card_id: "",
      status: "A",
      subscription_on_plan: false,
      plan_id: 0,
      plan_desc: "Flowers, monthly",
      plan_frequency: 3,
      interval: 1,
      plan_duration: 3,
      tran_currency: "840",
      amt_setup: 0,
      date_start: start,
      date_next: start,
      date_end: subscription.recur_date_end,
      recur_date_start: start,
      recur_date_end: subscription.recur_date_end,
      recur_amt: 12.5,
      purchase_id: "INV-1",
    });
    expect(subscription.date_end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isInteger(subscription.subscription_id)).toBe(true);
    const row = await subscriptionRow(subscription.subscription_id);
    expect(row).toMatchObject({
      merchantId: BigInt(m.merchantId),
      status: "A",
      amountMinor: 1250n,
      currency: 840,
      cardId: null,
      nextSeq: 1,
      dueDay: parseDay(start),
    });
    expect(row.planId).toBeNull();
    expect(await auditOf(res)).toEqual([["subscription.create", String(subscription.subscription_id)]]);
    expect(subscriptionOf(await m.api.get(`/subscription/${subscription.subscription_id}`))).toEqual(subscription);
  });

  it("charges the card_id sent, one of the customer's cards, and takes the plan rules' fields: weekly every 2 weeks, yen, a setup fee ignored", async () => {
    const subscription = await addSubscription(
      m,
      await offPlanBody(m, customer.customer_id, {
        card_id: customer.cards[1],
        plan_frequency: 0,
        interval: 2,
        plan_duration: -1,
        tran_currency: "392",
        amt_tran: 1500,
        amt_setup: 300,
        amt_setup_ignore: true,
      }),
    );
    expect(subscription).toMatchObject({ card_id: customer.cards[1], plan_frequency: 0, interval: 2, tran_currency: "392", recur_amt: 1500, amt_setup: 300 });
    expect(subscription.date_end).toBe("");
    expect(subscription.recur_date_end).toBe("");
    expect(subscription.plan_desc).toBe("");
    const row = await subscriptionRow(subscription.subscription_id);
    expect([row.amountMinor, row.setupMinor, row.cardId]).toEqual([1500n, 300n, customer.cards[1]]);
  });

  it("adds a subscription on a plan: the active version's terms copied, with its trial, and plan_id, plan_code and plan_name", async () => {
    const plan = await addPlan(m, { plan_name: "Trial plan", trial_duration: 2, amt_trial: 1, plan_duration: 3, amt_tran: 30 });
    const start = await day(m);
    const subscription = await addSubscription(m, { customer_id: customer.customer_id, plan_code: plan.plan_code, date_start: start });
    expect(subscription).toMatchObject({
      subscription_on_plan: true,
      plan_id: plan.plan_id,
      plan_code: plan.plan_code,
      plan_name: "Trial plan",
      plan_desc: "Gold, monthly",
      plan_frequency: 3,
      plan_duration: 3,
      trial_date_start: start,
      trial_amt: 1,
      recur_amt: 30,
      date_next: start,
    });
    expect(subscription.trial_date_end! > start).toBe(true);
    expect(subscription.recur_date_start > subscription.trial_date_end!).toBe(true);
    expect(subscription.date_end).toBe(subscription.recur_date_end);
    expect(await subscriptionRow(subscription.subscription_id)).toMatchObject({
      planId: plan.plan_id,
      planCode: plan.plan_code,
      trialDuration: 2,
      trialMinor: 100n,
    });
  });

  it("shows a prorated first payment on date_start, the first cycle on the plan's day", async () => {
    const start = await day(m, 1);
    // A billing day that is never the start's own day, so there are days to prorate.
    const billingDay = (Number(start.slice(8, 10)) % 28) + 1;
    const plan = await addPlan(m, { bill_specific_day: true, day_of_month: billingDay, prorate_first_pmt: true, amt_prorate: 4 });
    const subscription = await addSubscription(m, { customer_id: customer.customer_id, plan_code: plan.plan_code, date_start: start });
    expect(subscription).toMatchObject({ prorate_date_start: start, prorate_amt: 4, date_next: start });
    expect(Number(subscription.recur_date_start.slice(8, 10))).toBe(billingDay);
    expect((await subscriptionRow(subscription.subscription_id)).nextSeq).toBe(0);
  });

  it("creates an inline customer with the subscription, in one transaction, and charges its primary card", async () => {
    const body = customerBody({ customer_first_name: "Ada", customer_last_name: "Lovelace" });
    const before = await eventsOf(m);
    const res = await m.api.post("/subscription", await offPlanBody(m, "", { customer_id: undefined, customer: body }));
    const subscription = subscriptionOf(res);
    expect(subscription).toMatchObject({ customer_id: body.customer_id, customer_first_name: "Ada", customer_last_name: "Lovelace", card_id: "" });
    expect((await eventsSince(m, before)).map(([type]) => type)).toEqual(["vault_customer_created", "vault_card_created"]);
    expect((await auditOf(res)).map(([action]) => action)).toEqual(["customer.create", "card.create", "subscription.create"]);
    expectStatus(await m.api.get(`/vault/customer/${body.customer_id}`), 200, "the new customer");
  });

  it("refuses an inline customer whose customer_id is taken (409), and writes neither customer nor subscription; use_existing_customer takes that customer", async () => {
    const state = await merchantState(m);
    const taken = customerBody({ customer_id: customer.customer_id });
    expectStatusCode(await m.api.post("/subscription", await offPlanBody(m, "", { customer_id: undefined, customer: taken })), 409, 8);
    expect(await merchantState(m)).toEqual(state);

    const existing = await addSubscription(m, await offPlanBody(m, "", { customer_id: undefined, customer: taken, use_existing_customer: true }));
    expect(existing.customer_id).toBe(customer.customer_id);
    expect((await merchantState(m)).customers).toBe(state.customers);

    const fresh = customerBody();
    const created = await addSubscription(m, await offPlanBody(m, "", { customer_id: undefined, customer: fresh, use_existing_customer: true }));
    expect(created.customer_id).toBe(fresh.customer_id);
    expect((await merchantState(m)).customers).toBe(state.customers + 1);
  });

  it("refuses an inline customer's bad card with the field inside customer, and writes nothing", async () => {
    const state = await merchantState(m);
    const body = customerBody({ billing_cards: [{ card_number: "4111111111111112", exp_date: "1230", billing_zip: "94402" }] });
    expect400(await m.api.post("/subscription", await offPlanBody(m, "", { customer_id: undefined, customer: body })), "customer.billing_cards[0].card_number");
    expect(await merchantState(m)).toEqual(state);
  });
});

describe("POST /subscription: the setup fee", () => {
  let m: TestMerchant;
  let customer: Customer;
  beforeAll(async () => {
    m = await newMerchant("Subscriptions setup fee");
    customer = await addCustomer(m);
  });

  it("charges amt_setup at once and answers the gateway's response; the transaction is the subscription's", async () => {
    const s = await addSubscription(m, await offPlanBody(m, customer.customer_id, { date_start: await day(m, 3), amt_setup: 5 }));
    expect(s).toMatchObject({ status: "A", amt_setup: 5, response: { rcode: "000", status: "Approved", amt_tran: 5, tran_currency: "840", recurring: false } });
    expect(s.response!.pg_id).toMatch(/^[0-9a-f]{32}$/);
    const transaction = await getDb().transaction.findUniqueOrThrow({ where: { pgId: s.response!.pg_id as string } });
    expect(transaction).toMatchObject({ subscriptionId: s.subscription_id, amountMinor: 500n, type: "sale", status: "C", customerId: customer.customer_id });
    // The first cycle is still due on date_start: the fee is not one of the cycles.
    expect(await subscriptionRow(s.subscription_id)).toMatchObject({ nextSeq: 1, dueDay: parseDay(s.date_start) });
    expect(subscriptionOf(await m.api.get(`/subscription/${s.subscription_id}`))).not.toHaveProperty("response");
  });

  it("charges a plan's setup fee, unless amt_setup_ignore", async () => {
    const plan = await addPlan(m, { amt_setup: 2.5 });
    const charged = await addSubscription(m, { customer_id: customer.customer_id, plan_code: plan.plan_code, date_start: await day(m) });
    expect(charged.response).toMatchObject({ rcode: "000", amt_tran: 2.5 });
    const ignored = await addSubscription(m, {
      customer_id: customer.customer_id,
      plan_code: plan.plan_code,
      date_start: await day(m),
      amt_setup_ignore: true,
    });
    expect(ignored).not.toHaveProperty("response");
    expect(await getDb().transaction.count({ where: { subscriptionId: ignored.subscription_id } })).toBe(0);
  });

  it("keeps the subscription active when the fee is declined, and cancels it (with its event) when cancel_on_setup_fail", async () => {
    const kept = await addSubscription(m, await offPlanBody(m, customer.customer_id, { amt_setup: 5.51 }));
    expect(kept).toMatchObject({ status: "A", response: { rcode: "051", status: "Declined" } });
    const before = await eventsOf(m);
    const res = await m.api.post("/subscription", await offPlanBody(m, customer.customer_id, { amt_setup: 5.05, cancel_on_setup_fail: true }));
    const cancelled = subscriptionOf(res);
    expect(cancelled).toMatchObject({ status: "C", date_next: "", response: { rcode: "005", status: "Declined" } });
    // The decline's own events (the billing run's charge writes them), then the cancellation's.
    expect((await eventsSince(m, before)).map(([type, data]) => [type, data.subscription_id, data.status])).toEqual([
      ["transaction_declined", undefined, undefined],
      ["subscription_payment_failure", cancelled.subscription_id, "A"],
      ["subscription_cancelled", cancelled.subscription_id, "C"],
    ]);
    expect(await auditOf(res)).toEqual([
      ["subscription.create", String(cancelled.subscription_id)],
      ["subscription.cancel", String(cancelled.subscription_id)],
    ]);
  });
});

// Each row: what the body changes from a valid off-plan subscription of the customer, and the field the 400 names.
type BadAdd = [
  string,
  (ctx: { customer: Customer; other: Customer; bare: string; plan: string; archived: string; past: string }) => Record<string, unknown>,
  string,
];
const BAD_ADDS: BadAdd[] = [
  ["no date_start", () => ({ date_start: undefined }), "date_start"],
  ["a date_start in the past", ({ past }) => ({ date_start: past }), "date_start"],
  ["a date_start with a time", () => ({ date_start: "2030-01-01T00:00:00Z" }), "date_start"],
  ["a date_start as DD-MM-YYYY", () => ({ date_start: "01-01-2030" }), "date_start"],
  ["a date_start that does not exist", () => ({ date_start: "2031-02-30" }), "date_start"],
  ["a date_start too far ahead for the schedule", () => ({ date_start: "9999-06-01", plan_frequency: 6, plan_duration: 10 }), "date_start"],
  ["no customer_id nor customer", () => ({ customer_id: undefined }), "customer_id"],
  ["an unknown customer_id", () => ({ customer_id: "NOSUCHCUSTOMER1" }), "customer_id"],
  ["a malformed customer_id", () => ({ customer_id: "not-an-id" }), "customer_id"],
  ["both customer_id and customer", () => ({ customer: customerBody() }), "customer_id"],
  ["use_existing_customer without customer", () => ({ use_existing_customer: true }), "customer"],
  [
    "an inline customer without a name",
    () => ({ customer_id: undefined, customer: customerBody({ customer_first_name: undefined, customer_last_name: undefined }) }),
    "customer.customer_first_name",
  ],
  ["a customer with no card", ({ bare }) => ({ customer_id: bare }), "customer_id"],
  ["an inline customer with no card", () => ({ customer_id: undefined, customer: customerBody({ billing_cards: [] }) }), "customer.billing_cards"],
  ["another customer's card_id", ({ other }) => ({ card_id: other.cards[0] }), "card_id"],
  ["an unknown card_id", () => ({ card_id: "0".repeat(32) }), "card_id"],
  ["a malformed card_id", () => ({ card_id: "XYZ" }), "card_id"],
  ["an unknown plan_code", () => ({ plan_code: "NOSUCHPLAN", plan_frequency: undefined, plan_duration: undefined, amt_tran: undefined }), "plan_code"],
  [
    "an archived plan's code",
    ({ archived }) => ({ plan_code: archived, plan_frequency: undefined, plan_duration: undefined, amt_tran: undefined }),
    "plan_code",
  ],
  ["a malformed plan_code", () => ({ plan_code: "GOLD-1", plan_frequency: undefined, plan_duration: undefined, amt_tran: undefined }), "plan_code"],
  ["off-plan fields with a plan_code", ({ plan }) => ({ plan_code: plan }), "amt_tran"],
  [
    "a purchase_id with a plan_code",
    ({ plan }) => ({ plan_code: plan, plan_frequency: undefined, plan_duration: undefined, amt_tran: undefined, purchase_id: "X1" }),
    "purchase_id",
  ],
  ["no plan_frequency off-plan", () => ({ plan_frequency: undefined }), "plan_frequency"],
  ["an unknown plan_frequency", () => ({ plan_frequency: 2 }), "plan_frequency"],
  ["a plan_frequency as a string", () => ({ plan_frequency: "7" }), "plan_frequency"],
  ["an interval on a daily plan", () => ({ interval: 2 }), "interval"],
  ["an interval on an annual plan", () => ({ plan_frequency: 6, interval: 3 }), "interval"],
  ["an interval of 100", () => ({ plan_frequency: 3, interval: 100 }), "interval"],
  ["no plan_duration off-plan", () => ({ plan_duration: undefined }), "plan_duration"],
  ["a plan_duration of 0", () => ({ plan_duration: 0 }), "plan_duration"],
  ["no amt_tran off-plan", () => ({ amt_tran: undefined }), "amt_tran"],
  ["a negative amt_tran", () => ({ amt_tran: -5 }), "amt_tran"],
  ["an amt_tran of 0", () => ({ amt_tran: 0 }), "amt_tran"],
  ["an amt_tran with three decimals", () => ({ amt_tran: 1.999 }), "amt_tran"],
  ["a negative amt_setup", () => ({ amt_setup: -1 }), "amt_setup"],
  ["decimals on a yen subscription", () => ({ tran_currency: "392", amt_tran: 10.5 }), "amt_tran"],
  ["an unknown tran_currency", () => ({ tran_currency: "999" }), "tran_currency"],
  ["an over-long plan_desc", () => ({ plan_desc: "d".repeat(256) }), "plan_desc"],
  ["a card number in plan_desc", () => ({ plan_desc: "Gold 4111 1111 1111 1111" }), "plan_desc"],
  ["a purchase_id of 26 characters", () => ({ purchase_id: "p".repeat(26) }), "purchase_id"],
  ["amt_setup_ignore as a string", () => ({ amt_setup_ignore: "true" }), "amt_setup_ignore"],
];

describe("POST /subscription: the field rules", () => {
  let m: TestMerchant;
  const ctx = {} as Parameters<BadAdd[1]>[0];
  beforeAll(async () => {
    m = await newMerchant("Subscriptions rules");
    ctx.customer = await addCustomer(m);
    ctx.other = await addCustomer(m);
    ctx.bare = (await addCustomer(m, 0)).customer_id;
    ctx.plan = (await addPlan(m)).plan_code;
    ctx.archived = (await addPlan(m)).plan_code;
    expectStatus(await m.api.post(`/plan/${ctx.archived}/archive`), 200, "archive");
    ctx.past = await day(m, -1);
    await addSubscription(m, await offPlanBody(m, ctx.customer.customer_id));
  });

  it.each(BAD_ADDS)("refuses %s with a 400 naming the field, and changes nothing", async (_, change, field) => {
    const state = await merchantState(m);
    const res = await m.api.post("/subscription", await offPlanBody(m, ctx.customer.customer_id, change(ctx)));
    expect400(res, field);
    expect(await merchantState(m)).toEqual(state);
  });

  it("names every field at fault in one 400", async () => {
    const res = await m.api.post("/subscription", { date_start: ctx.past, plan_frequency: 7, plan_duration: -1, amt_tran: -1, interval: 5 });
    expect400(res, "date_start");
    expect(Object.keys(res.body.data).sort()).toEqual(["amt_tran", "customer_id", "date_start", "interval"]);
  });
});

describe("PUT /subscription/{subscription_id} (update)", () => {
  let m: TestMerchant;
  let customer: Customer;
  beforeAll(async () => {
    m = await newMerchant("Subscriptions update");
    customer = await addCustomer(m, 2);
  });

  it("moves date_start before the subscription starts: the schedule and its cursor move, with an audit row; profile_id is ignored", async () => {
    const subscription = await addSubscription(
      m,
      await offPlanBody(m, customer.customer_id, { date_start: await day(m, 5), plan_frequency: 3, plan_duration: 2 }),
    );
    const later = await day(m, 10);
    const res = await m.api.put(`/subscription/${subscription.subscription_id}`, { date_start: later, profile_id: "21200000000100000840" });
    const moved = subscriptionOf(res);
    expect(moved).toMatchObject({ date_start: later, date_next: later, recur_date_start: later });
    expect(moved.date_end > subscription.date_end).toBe(true);
    expect(await subscriptionRow(subscription.subscription_id)).toMatchObject({ dateStart: later, nextSeq: 1, dueDay: parseDay(later) });
    expect(await auditOf(res)).toEqual([["subscription.update", String(subscription.subscription_id)]]);
  });

  it("refuses to move the start of a subscription that has started (409), and a date_start in the past (400)", async () => {
    const started = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    const state = await merchantState(m);
    expectStatusCode(await m.api.put(`/subscription/${started.subscription_id}`, { date_start: await day(m, 3) }), 409, 8);
    expect400(await m.api.put(`/subscription/${started.subscription_id}`, { date_start: await day(m, -1) }), "date_start");
    expect400(await m.api.put(`/subscription/${started.subscription_id}`, { date_start: "tomorrow" }), "date_start");
    expect(await merchantState(m)).toEqual(state);
  });

  it("changes the card to another of the customer's cards, or back to the primary one with an empty card_id", async () => {
    const subscription = await addSubscription(m, await offPlanBody(m, customer.customer_id));
    expect(subscriptionOf(await m.api.put(`/subscription/${subscription.subscription_id}`, { card_id: customer.cards[1] })).card_id).toBe(customer.cards[1]);
    expect((await subscriptionRow(subscription.subscription_id)).cardId).toBe(customer.cards[1]);
    expect(subscriptionOf(await m.api.put(`/subscription/${subscription.subscription_id}`, { card_id: "" })).card_id).toBe("");
    expect((await subscriptionRow(subscription.subscription_id)).cardId).toBeNull();

    const other = await addCustomer(m);
    const state = await merchantState(m);
    expect400(await m.api.put(`/subscription/${subscription.subscription_id}`, { card_id: other.cards[0] }), "card_id");
    expect400(await m.api.put(`/subscription/${subscription.subscription_id}`, { card_id: "0".repeat(32) }), "card_id");
    expect400(await m.api.put(`/subscription/${subscription.subscription_id}`, { card_id: "primary" }), "card_id");
    expect(await merchantState(m)).toEqual(state);
  });

  it("refuses to change a cancelled subscription (409), and an update that changes nothing writes nothing", async () => {
    const subscription = await addSubscription(m, await offPlanBody(m, customer.customer_id, { date_start: await day(m, 2) }));
    let state = await merchantState(m);
    const same = await m.api.put(`/subscription/${subscription.subscription_id}`, { date_start: subscription.date_start, card_id: "" });
    expect(subscriptionOf(same)).toEqual(subscription);
    expect(await merchantState(m)).toEqual(state);

    expectStatus(await m.api.post(`/subscription/${subscription.subscription_id}/cancel`, { customer_id: customer.customer_id }), 200, "cancel");
    state = await merchantState(m);
    expectStatusCode(await m.api.put(`/subscription/${subscription.subscription_id}`, { card_id: customer.cards[1] }), 409, 8);
    expectStatusCode(await m.api.put(`/subscription/${subscription.subscription_id}`, { date_start: await day(m, 4) }), 409, 8);
    expect(await merchantState(m)).toEqual(state);
  });
});

describe("GET /subscription (browse)", () => {
  let m: TestMerchant;
  let ids: number[];
  beforeAll(async () => {
    m = await newMerchant("Subscriptions browse");
    const customer = await addCustomer(m);
    ids = [];
    for (const plus of [2, 0, 5])
      ids.push((await addSubscription(m, await offPlanBody(m, customer.customer_id, { date_start: await day(m, plus) }))).subscription_id);
    expectStatus(await m.api.post(`/subscription/${ids[2]}/pause`, { customer_id: customer.customer_id }), 200, "pause");
  });

  it("lists the merchant's subscriptions, date_next descending by default (those not charged last), with the paging fields", async () => {
    const res = await m.api.get("/subscription");
    expect(subscriptionsOf(res).map((s) => s.subscription_id)).toEqual([ids[0], ids[1], ids[2]]);
    expect(res.body).toMatchObject({ totalRecords: 3, totalPages: 1, count: 10, page: 0, order_on: "date_next", order_by: "desc" });
  });

  it("pages, sorts and filters", async () => {
    const page = await m.api.get("/subscription?count=2&page=1&order_on=subscription_id&order_by=asc");
    expect(subscriptionsOf(page).map((s) => s.subscription_id)).toEqual([ids[2]]);
    expect(page.body).toMatchObject({ totalRecords: 3, totalPages: 2 });
    expect(subscriptionsOf(await m.api.get("/subscription?filter=status,EQUALS,P")).map((s) => s.subscription_id)).toEqual([ids[2]]);
    expect(
      subscriptionsOf(await m.api.get(`/subscription?filter=date_start,GREATER_THAN,${await day(m, 1)}&order_on=date_start&order_by=asc`)).map(
        (s) => s.subscription_id,
      ),
    ).toEqual([ids[0], ids[2]]);
  });

  it.each([
    ["an unknown order_on", "order_on=amt_setup", "order_on"],
    ["an unknown filter field", "filter=amt_tran,EQUALS,1", "filter"],
    ["count 0", "count=0", "count"],
  ])("refuses %s with a 400", async (_, query, field) => {
    expect400(await m.api.get(`/subscription?${query}`), field);
  });
});

describe("a plan version deleted under its subscribers", () => {
  let m: TestMerchant;
  let customer: Customer;
  beforeAll(async () => {
    m = await newMerchant("Subscriptions plans");
    customer = await addCustomer(m);
  });

  it("deleting a plan version cancels its active and paused subscriptions, each with a subscription_cancelled event and an audit row", async () => {
    const plan = await addPlan(m);
    const a = await addSubscription(m, { customer_id: customer.customer_id, plan_code: plan.plan_code, date_start: await day(m) });
    const p = await addSubscription(m, { customer_id: customer.customer_id, plan_code: plan.plan_code, date_start: await day(m) });
    expectStatus(await m.api.post(`/subscription/${p.subscription_id}/pause`, { customer_id: customer.customer_id }), 200, "pause");
    const before = await eventsOf(m);
    const res = await m.api.delete(`/plan/${plan.plan_id}/delete`);
    expectStatus(res, 200, "delete");
    for (const s of [a, p]) {
      expect(subscriptionOf(await m.api.get(`/subscription/${s.subscription_id}`))).toMatchObject({ status: "C", date_next: "" });
    }
    expect(await eventsSince(m, before)).toEqual(
      [a, p].map((s) => [
        "subscription_cancelled",
        { subscription_id: s.subscription_id, customer_id: customer.customer_id, card_id: null, plan_id: plan.plan_id, plan_code: plan.plan_code, status: "C" },
      ]),
    );
    expect(await auditOf(res)).toEqual([
      ["subscription.cancel", String(a.subscription_id)],
      ["subscription.cancel", String(p.subscription_id)],
      ["plan.delete", String(plan.plan_id)],
    ]);
    expect((await subscriptionRow(a.subscription_id)).statusDay).toBe(await today(m));
  });
});

describe("another merchant's subscriptions", () => {
  it("are unknown here: every operation answers 404 and changes nothing, and browse does not show them", async () => {
    const owner = await newMerchant("Subscriptions owner");
    const other = await newMerchant("Subscriptions other");
    const customer = await addCustomer(owner);
    const subscription = await addSubscription(owner, await offPlanBody(owner, customer.customer_id));
    const id = subscription.subscription_id;
    const ownerState = await merchantState(owner);
    const otherState = await merchantState(other);
    const body = { customer_id: customer.customer_id };
    for (const res of [
      await other.api.get(`/subscription/${id}`),
      await other.api.put(`/subscription/${id}`, { card_id: "" }),
      await other.api.post(`/subscription/${id}/pause`, body),
      await other.api.post(`/subscription/${id}/resume`, body),
      await other.api.post(`/subscription/${id}/cancel`, body),
      await other.api.get(`/subscription/transactions/${id}`),
      await other.api.get(`/subscription/${id}/labels/browse`),
      await other.api.post(`/subscription/${id}/labels/add`, { name: "a", value: "b" }),
      await other.api.post(`/subscription/${id}/labels/edit`, { name: "a", value: "b" }),
      await other.api.post(`/subscription/${id}/labels/delete`, { name: "a" }),
    ]) {
      expectStatusCode(res, 404, 7);
    }
    // Nor can it subscribe the owner's customer or use its card.
    expect400(await other.api.post("/subscription", await offPlanBody(other, customer.customer_id)), "customer_id");
    expect(subscriptionsOf(await other.api.get("/subscription"))).toEqual([]);
    expectStatusCode(await other.api.get(`/subscription?merchant_id=${owner.merchantId}`), 403, 3);
    expect(await merchantState(owner)).toEqual(ownerState);
    expect(await merchantState(other)).toEqual(otherState);
  });

  it("answers 404 for an unknown subscription_id, also one past the column's range, and 400 for a malformed one", async () => {
    const m = await newMerchant("Subscriptions ids");
    expectStatusCode(await m.api.get("/subscription/2147483647"), 404, 7);
    expectStatusCode(await m.api.get("/subscription/9999999999"), 404, 7);
    expect400(await m.api.get("/subscription/12345678901"), "subscription_id");
    expect400(await m.api.get("/subscription/abc"), "subscription_id");
    expect(await getDb().billingSubscription.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });
});
