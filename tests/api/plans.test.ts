// Recurring billing plans (/platform/plan...) against the real server and
// database: add, browse, every version of a code, update, archive and
// delete, answers checked against the RecurringPlan shape (strict: no field
// it lacks), the reference's field rules table-tested (each a 400 naming the
// field that changes nothing), plan_code unique among active plans, audit
// rows, and another merchant's plans. A plan with subscriptions: an update
// makes a new version, and a delete cancels them.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { listEnvelope, successEnvelope } from "@/lib/openapi/envelope-schemas";
import { PlanResponseSchema } from "@/lib/openapi/response-schemas";
import type { ApiResponse } from "../support/api-client";
import { json, newMerchant, type TestMerchant } from "../support/fixtures";
import { customerBody, expectStatus, UUID_PATTERN } from "../support/security-suite";

const PlanAnswer = successEnvelope(PlanResponseSchema.strict()).strict();
const PlanList = listEnvelope(PlanResponseSchema.strict()).strict();
type Plan = z.output<typeof PlanResponseSchema>;

let seq = 0;
/** A plan_code no other test uses (letters and digits, at most 16). */
const uniqueCode = (prefix = "P") => `${prefix}${Date.now().toString(36).slice(-6)}${(++seq).toString(36)}`.slice(0, 16);

function planBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { plan_code: uniqueCode(), plan_name: "Gold", plan_desc: "Gold, monthly", plan_frequency: 3, plan_duration: 12, amt_tran: 19.99, ...overrides };
}

function planOf(res: ApiResponse): Plan {
  expectStatus(res, 200, "plan");
  return PlanAnswer.parse(res.body).data as Plan;
}

function listOf(res: ApiResponse): Plan[] {
  expectStatus(res, 200, "plan list");
  return PlanList.parse(res.body).data as Plan[];
}

async function addPlan(m: TestMerchant, overrides: Record<string, unknown> = {}): Promise<Plan> {
  return planOf(await m.api.post("/plan", planBody(overrides)));
}

const planCount = (m: TestMerchant) => getDb().plan.count({ where: { merchantId: BigInt(m.merchantId) } });
const planRows = (m: TestMerchant) => getDb().plan.findMany({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "asc" } });
const auditCount = (m: TestMerchant) => getDb().auditLog.count({ where: { merchantId: BigInt(m.merchantId) } });

/** The audit rows the request wrote (found by its x-request-id), as action and target. */
async function auditOf(res: ApiResponse) {
  const requestId = res.headers.get("x-request-id");
  expect(requestId, "x-request-id header").toMatch(UUID_PATTERN);
  const rows = await getDb().auditLog.findMany({ where: { requestId: requestId! }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ action: r.action, targetType: r.targetType, targetId: r.targetId }));
}

function expect400(res: ApiResponse, field: string) {
  expect(res.status, json(res.body)).toBe(400);
  expect(res.body.code).toBe(6);
  expect(Object.keys(res.body.data ?? {}), json(res.body)).toContain(field);
}

function expectStatusCode(res: ApiResponse, status: number, code: number) {
  expect(res.status, json(res.body)).toBe(status);
  expect(res.body.code).toBe(code);
}

// ---------------------------------------------------------------------------

describe("POST /plan (add)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Plans add");
  });

  it("answers the plan as RecurringPlan shapes it, with the defaults, stores minor units and writes an audit row", async () => {
    const body = planBody();
    const before = Date.now();
    const res = await m.api.post("/plan", body);
    const plan = planOf(res);
    expect(plan).toEqual({
      merchant_id: m.merchantId,
      plan_id: plan.plan_id,
      plan_code: body.plan_code,
      plan_name: "Gold",
      plan_desc: "Gold, monthly",
      plan_frequency: 3,
      interval: 1,
      plan_duration: 12,
      status: "E",
      trial_duration: 0,
      amt_trial: 0,
      amt_setup: 0,
      amt_tran: 19.99,
      tran_currency: "840",
      bill_specific_day: false,
      prorate_first_pmt: false,
      db_timestamp: plan.db_timestamp,
      mod_timestamp: plan.mod_timestamp,
    });
    expect(Number.isInteger(plan.plan_id)).toBe(true);
    expect(Date.parse(plan.db_timestamp)).toBeGreaterThanOrEqual(before - 2000);
    const row = await getDb().plan.findUniqueOrThrow({ where: { id: plan.plan_id } });
    expect(row).toMatchObject({ merchantId: BigInt(m.merchantId), code: body.plan_code, activeCode: body.plan_code, amountMinor: 1999n, currency: 840 });
    expect(await auditOf(res)).toEqual([{ action: "plan.create", targetType: "plan", targetId: String(plan.plan_id) }]);
  });

  it("keeps every field the reference defines: specific day, trial, setup fee, proration, currency, dba_suffix", async () => {
    const plan = await addPlan(m, {
      plan_frequency: 6,
      plan_duration: -1,
      amt_setup: 50,
      amt_tran: 120,
      tran_currency: "978",
      bill_specific_day: true,
      day_of_month: 32,
      month: 2,
      prorate_first_pmt: true,
      amt_prorate: 10.05,
      dba_suffix: "END TRIAL",
      profile_id: "21200000000100000840",
    });
    expect(plan).toMatchObject({
      plan_frequency: 6,
      interval: 1,
      plan_duration: -1,
      trial_duration: 0,
      amt_trial: 0,
      amt_setup: 50,
      amt_tran: 120,
      tran_currency: "978",
      bill_specific_day: true,
      day_of_month: 32,
      month: 2,
      prorate_first_pmt: true,
      amt_prorate: 10.05,
      dba_suffix: "END TRIAL",
    });
    expect(plan).not.toHaveProperty("profile_id");
    expect(plan).not.toHaveProperty("day_of_week");

    const trial = await addPlan(m, { trial_duration: 2, amt_trial: "1.50" });
    expect(trial).toMatchObject({ trial_duration: 2, amt_trial: 1.5, prorate_first_pmt: false });
    const weekly = await addPlan(m, { plan_frequency: 0, interval: 2, bill_specific_day: true, day_of_week: 2 });
    expect(weekly).toMatchObject({ plan_frequency: 0, interval: 2, day_of_week: 2 });
    expect(weekly).not.toHaveProperty("day_of_month");
    const yen = await addPlan(m, { tran_currency: "392", amt_tran: 1500 });
    expect(yen).toMatchObject({ tran_currency: "392", amt_tran: 1500 });
    expect((await getDb().plan.findUniqueOrThrow({ where: { id: yen.plan_id } })).amountMinor).toBe(1500n);
  });

  it("refuses a plan_code another active plan of the merchant has (409), and allows it once that plan is archived or deleted", async () => {
    const first = await addPlan(m);
    const count = await planCount(m);
    const again = await m.api.post("/plan", planBody({ plan_code: first.plan_code, plan_name: "Other" }));
    expectStatusCode(again, 409, 8);
    expect(await planCount(m)).toBe(count);

    expectStatus(await m.api.post(`/plan/${first.plan_code}/archive`), 200, "archive");
    const second = await addPlan(m, { plan_code: first.plan_code, plan_name: "Second" });
    expect(second.plan_id).not.toBe(first.plan_id);
    expectStatus(await m.api.delete(`/plan/${second.plan_id}/delete`), 200, "delete");
    const third = await addPlan(m, { plan_code: first.plan_code, plan_name: "Third" });
    expect(listOf(await m.api.get(`/plan/${first.plan_code}`)).map((p) => [p.plan_name, p.status])).toEqual([
      [first.plan_name, "A"],
      ["Second", "D"],
      ["Third", "E"],
    ]);
    expect(third.status).toBe("E");
  });

  it("treats plan codes as case-sensitive, and lets another merchant use the same code", async () => {
    const code = uniqueCode("Ab");
    await addPlan(m, { plan_code: code });
    await addPlan(m, { plan_code: code.toUpperCase() });
    const other = await newMerchant("Plans same code");
    await addPlan(other, { plan_code: code });
  });

  it("lets one of two racing adds of a code win; the other is a 409", async () => {
    const body = planBody();
    const answers = await Promise.all([m.api.post("/plan", body), m.api.post("/plan", body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await getDb().plan.count({ where: { merchantId: BigInt(m.merchantId), code: body.plan_code as string } })).toBe(1);
  });
});

// Each row: what the body changes from a valid monthly plan, and the field the 400 names.
const BAD_ADDS: [string, Record<string, unknown>, string][] = [
  ["no plan_code", { plan_code: undefined }, "plan_code"],
  ["an empty plan_code", { plan_code: "" }, "plan_code"],
  ["a plan_code of 17 characters", { plan_code: "A".repeat(17) }, "plan_code"],
  ["a plan_code with a hyphen", { plan_code: "GOLD-1" }, "plan_code"],
  ["a plan_code that is a number", { plan_code: 1234 }, "plan_code"],
  ["no plan_name", { plan_name: undefined }, "plan_name"],
  ["a plan_name of 65 characters", { plan_name: "n".repeat(65) }, "plan_name"],
  ["a card number in plan_name", { plan_name: "Gold 4111 1111 1111 1111" }, "plan_name"],
  ["no plan_desc", { plan_desc: undefined }, "plan_desc"],
  ["a plan_desc of 256 characters", { plan_desc: "d".repeat(256) }, "plan_desc"],
  ["a control character in plan_desc", { plan_desc: "Gold\u0007" }, "plan_desc"],
  ["no plan_frequency", { plan_frequency: undefined }, "plan_frequency"],
  ["an unknown frequency (2)", { plan_frequency: 2 }, "plan_frequency"],
  ["an unknown frequency (8)", { plan_frequency: 8 }, "plan_frequency"],
  ["a frequency as a string", { plan_frequency: "3" }, "plan_frequency"],
  ["an interval on a daily plan", { plan_frequency: 7, interval: 2 }, "interval"],
  ["an interval on an annual plan", { plan_frequency: 6, interval: 2 }, "interval"],
  ["an interval on a bi-weekly plan", { plan_frequency: 1, interval: 3 }, "interval"],
  ["an interval of 0", { interval: 0 }, "interval"],
  ["an interval of 100", { interval: 100 }, "interval"],
  ["a fractional interval", { interval: 1.5 }, "interval"],
  ["no plan_duration", { plan_duration: undefined }, "plan_duration"],
  ["a plan_duration of 0", { plan_duration: 0 }, "plan_duration"],
  ["a plan_duration of -2", { plan_duration: -2 }, "plan_duration"],
  ["a plan_duration of 10000", { plan_duration: 10000 }, "plan_duration"],
  ["no amt_tran", { amt_tran: undefined }, "amt_tran"],
  ["a negative amt_tran", { amt_tran: -5 }, "amt_tran"],
  ["an amt_tran of 0", { amt_tran: 0 }, "amt_tran"],
  ["an amt_tran with three decimals", { amt_tran: 1.999 }, "amt_tran"],
  ["an amt_tran of 11 digits", { amt_tran: 12345678901 }, "amt_tran"],
  ["an amt_tran that is not a number", { amt_tran: "ten" }, "amt_tran"],
  ["decimals on a yen plan", { tran_currency: "392", amt_tran: 10.5 }, "amt_tran"],
  ["a negative amt_setup", { amt_setup: -1 }, "amt_setup"],
  ["a negative amt_trial", { trial_duration: 1, amt_trial: -1 }, "amt_trial"],
  ["amt_trial without a trial_duration", { amt_trial: 5 }, "amt_trial"],
  ["a trial_duration of 100", { trial_duration: 100 }, "trial_duration"],
  ["a negative trial_duration", { trial_duration: -1 }, "trial_duration"],
  ["tran_currency as a number", { tran_currency: 840 }, "tran_currency"],
  ["tran_currency of 2 digits", { tran_currency: "84" }, "tran_currency"],
  ["an unknown tran_currency", { tran_currency: "999" }, "tran_currency"],
  ["a currency no card is charged in (gold)", { tran_currency: "959" }, "tran_currency"],
  ["bill_specific_day as a string", { bill_specific_day: "true" }, "bill_specific_day"],
  ["bill_specific_day on a daily plan", { plan_frequency: 7, bill_specific_day: true }, "bill_specific_day"],
  ["a monthly specific day without day_of_month", { bill_specific_day: true }, "day_of_month"],
  ["day_of_month 33", { bill_specific_day: true, day_of_month: 33 }, "day_of_month"],
  ["day_of_month 0", { bill_specific_day: true, day_of_month: 0 }, "day_of_month"],
  ["day_of_month without bill_specific_day", { day_of_month: 5 }, "day_of_month"],
  ["day_of_month on a weekly plan", { plan_frequency: 0, bill_specific_day: true, day_of_week: 1, day_of_month: 5 }, "day_of_month"],
  ["a weekly specific day without day_of_week", { plan_frequency: 0, bill_specific_day: true }, "day_of_week"],
  ["day_of_week 8", { plan_frequency: 0, bill_specific_day: true, day_of_week: 8 }, "day_of_week"],
  ["day_of_week 0", { plan_frequency: 1, bill_specific_day: true, day_of_week: 0 }, "day_of_week"],
  ["day_of_week on a monthly plan", { bill_specific_day: true, day_of_month: 1, day_of_week: 2 }, "day_of_week"],
  ["an annual specific day without month", { plan_frequency: 6, bill_specific_day: true, day_of_month: 1 }, "month"],
  ["month 13", { plan_frequency: 6, bill_specific_day: true, day_of_month: 1, month: 13 }, "month"],
  ["month on a monthly plan", { bill_specific_day: true, day_of_month: 1, month: 3 }, "month"],
  ["month without bill_specific_day", { plan_frequency: 6, month: 3 }, "month"],
  ["a prorated first payment with a trial", { bill_specific_day: true, day_of_month: 1, prorate_first_pmt: true, trial_duration: 1 }, "prorate_first_pmt"],
  ["prorate_first_pmt without bill_specific_day", { prorate_first_pmt: true }, "prorate_first_pmt"],
  ["amt_prorate without prorate_first_pmt", { bill_specific_day: true, day_of_month: 1, amt_prorate: 5 }, "amt_prorate"],
  ["a negative amt_prorate", { bill_specific_day: true, day_of_month: 1, prorate_first_pmt: true, amt_prorate: -5 }, "amt_prorate"],
  ["an unknown dba_suffix", { dba_suffix: "END SALE" }, "dba_suffix"],
];

describe("POST /plan: the reference's field rules", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Plans rules");
    await addPlan(m);
  });

  it.each(BAD_ADDS)("refuses %s with a 400 naming the field, and changes nothing", async (_, change, field) => {
    const [plans, audits] = [await planCount(m), await auditCount(m)];
    const res = await m.api.post("/plan", planBody(change));
    expect400(res, field);
    expect([await planCount(m), await auditCount(m)]).toEqual([plans, audits]);
  });
});

// Each row: an update of a valid monthly plan (bill_specific_day off), and the field the 400 names.
const BAD_UPDATES: [string, Record<string, unknown>, string][] = [
  ["an empty plan_name", { plan_name: "" }, "plan_name"],
  ["an unknown frequency", { plan_frequency: 9 }, "plan_frequency"],
  ["an interval on a daily plan", { plan_frequency: 7, interval: 4 }, "interval"],
  ["an interval on an annual plan", { plan_frequency: 6, interval: 2 }, "interval"],
  ["a negative amount", { amt_tran: -1 }, "amt_tran"],
  ["an amt_tran of 0", { amt_tran: 0 }, "amt_tran"],
  ["day_of_month 33", { bill_specific_day: true, day_of_month: 33 }, "day_of_month"],
  ["a specific day without its day", { bill_specific_day: true }, "day_of_month"],
  ["a plan_duration of 0", { plan_duration: 0 }, "plan_duration"],
  ["proration with a trial", { bill_specific_day: true, day_of_month: 1, prorate_first_pmt: true, trial_duration: 2 }, "prorate_first_pmt"],
  ["a currency with another minor unit, amounts kept", { tran_currency: "392" }, "amt_tran"],
];

describe("PUT /plan/{plan_code} (update)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Plans update");
  });

  it("changes only the fields sent, in place (no subscriptions: the same plan_id), and writes an audit row", async () => {
    const plan = await addPlan(m, { amt_setup: 5 });
    const res = await m.api.put(`/plan/${plan.plan_code}`, { plan_name: "Gold+", amt_tran: "24.50", plan_code: "IGNORED" });
    const updated = planOf(res);
    expect(updated).toEqual({ ...plan, plan_name: "Gold+", amt_tran: 24.5, mod_timestamp: updated.mod_timestamp });
    expect(Date.parse(updated.mod_timestamp)).toBeGreaterThanOrEqual(Date.parse(plan.mod_timestamp));
    expect(await auditOf(res)).toEqual([{ action: "plan.update", targetType: "plan", targetId: String(plan.plan_id) }]);
    expect(listOf(await m.api.get(`/plan/${plan.plan_code}`))).toEqual([updated]);
  });

  it("drops kept fields the change makes inapplicable: a monthly plan on the 15th turned weekly on Mondays", async () => {
    const plan = await addPlan(m, { interval: 2, bill_specific_day: true, day_of_month: 15, prorate_first_pmt: true });
    const weekly = planOf(await m.api.put(`/plan/${plan.plan_code}`, { plan_frequency: 0, day_of_week: 2 }));
    expect(weekly).toMatchObject({ plan_frequency: 0, interval: 2, bill_specific_day: true, day_of_week: 2, prorate_first_pmt: true });
    expect(weekly).not.toHaveProperty("day_of_month");
    const daily = planOf(await m.api.put(`/plan/${plan.plan_code}`, { plan_frequency: 7 }));
    expect(daily).toMatchObject({ plan_frequency: 7, interval: 1, bill_specific_day: false, prorate_first_pmt: false });
    expect(daily).not.toHaveProperty("day_of_week");
  });

  it.each(BAD_UPDATES)("refuses %s with a 400 naming the field, and changes nothing", async (_, change, field) => {
    const plan = await addPlan(m);
    const [rows, audits] = [await planRows(m), await auditCount(m)];
    expect400(await m.api.put(`/plan/${plan.plan_code}`, change), field);
    expect([await planRows(m), await auditCount(m)]).toEqual([rows, audits]);
  });

  it("is a 404 for a code never used and a 409 for one with no active version", async () => {
    expectStatusCode(await m.api.put(`/plan/NOSUCHPLAN`, { plan_name: "x" }), 404, 7);
    const plan = await addPlan(m);
    expectStatus(await m.api.post(`/plan/${plan.plan_code}/archive`), 200, "archive");
    const rows = await planRows(m);
    expectStatusCode(await m.api.put(`/plan/${plan.plan_code}`, { plan_name: "x" }), 409, 8);
    expect(await planRows(m)).toEqual(rows);
  });

  it("refuses a malformed plan_code in the path with a 400", async () => {
    expect400(await m.api.put(`/plan/${"A".repeat(17)}`, { plan_name: "x" }), "plan_code");
    expect400(await m.api.get(`/plan/bad-code`), "plan_code");
  });
});

describe("plans with subscriptions", () => {
  let m: TestMerchant;
  let customerId: string;
  beforeAll(async () => {
    m = await newMerchant("Plans versions");
    const customer = customerBody();
    expectStatus(await m.api.post("/vault/customer", customer), 200, "customer");
    customerId = customer.customer_id;
  });

  const subscribe = async (code: string) => {
    const res = await m.api.post("/subscription", { customer_id: customerId, plan_code: code, date_start: new Date().toISOString().slice(0, 10) });
    expectStatus(res, 200, "subscribe");
    return res.body.data as { subscription_id: number; plan_id: number; recur_amt: number; amt_setup: number; status: string };
  };

  it("an update archives the version and adds one with the same code and a new plan_id; GET lists both; the subscriber keeps the old terms", async () => {
    const plan = await addPlan(m, { amt_setup: 5 });
    const subscription = await subscribe(plan.plan_code);
    const res = await m.api.put(`/plan/${plan.plan_code}`, { amt_tran: 29.99 });
    const next = planOf(res);
    expect(next.plan_id).not.toBe(plan.plan_id);
    const versions = listOf(await m.api.get(`/plan/${plan.plan_code}`));
    expect(versions.map((v) => [v.plan_id, v.status, v.amt_tran, v.amt_setup])).toEqual([
      [plan.plan_id, "A", 19.99, 5],
      [next.plan_id, "E", 29.99, 5],
    ]);
    expect((await getDb().plan.findUniqueOrThrow({ where: { id: next.plan_id } })).previousId).toBe(plan.plan_id);
    expect(await auditOf(res)).toEqual([
      { action: "plan.archive", targetType: "plan", targetId: String(plan.plan_id) },
      { action: "plan.version", targetType: "plan", targetId: String(next.plan_id) },
    ]);
    const kept = await m.api.get(`/subscription/${subscription.subscription_id}`);
    expect(kept.body.data).toMatchObject({ plan_id: plan.plan_id, recur_amt: 19.99 });
    // The code now updates the new version, which has no subscriber yet: in place.
    expect(planOf(await m.api.put(`/plan/${plan.plan_code}`, { plan_name: "Newer" })).plan_id).toBe(next.plan_id);
    expect((await subscribe(plan.plan_code)).plan_id).toBe(next.plan_id);
  });

  it("an update of a version whose subscriptions are all cancelled still makes a new version: they keep their terms", async () => {
    const plan = await addPlan(m);
    const subscription = await subscribe(plan.plan_code);
    expectStatus(await m.api.post(`/subscription/${subscription.subscription_id}/cancel`, { customer_id: customerId }), 200, "cancel");
    expect(planOf(await m.api.put(`/plan/${plan.plan_code}`, { amt_tran: 1 })).plan_id).not.toBe(plan.plan_id);
  });

  it("a delete cancels the version's subscriptions in the same transaction, each with its event and audit row; other versions' stay", async () => {
    const plan = await addPlan(m);
    const [first, second] = [await subscribe(plan.plan_code), await subscribe(plan.plan_code)];
    const other = await subscribe((await addPlan(m)).plan_code);
    const lastEvent = (await getDb().event.findFirst({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "desc" } }))?.id ?? 0;
    const res = await m.api.delete(`/plan/${plan.plan_id}/delete`);
    expect(planOf(res).status).toBe("D");
    expect(await auditOf(res)).toEqual([
      { action: "subscription.cancel", targetType: "subscription", targetId: String(first.subscription_id) },
      { action: "subscription.cancel", targetType: "subscription", targetId: String(second.subscription_id) },
      { action: "plan.delete", targetType: "plan", targetId: String(plan.plan_id) },
    ]);
    const events = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId), id: { gt: lastEvent } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, (JSON.parse(e.payload) as { subscription_id: number }).subscription_id])).toEqual([
      ["subscription_cancelled", first.subscription_id],
      ["subscription_cancelled", second.subscription_id],
    ]);
    for (const s of [first, second]) expect((await m.api.get(`/subscription/${s.subscription_id}`)).body.data.status).toBe("C");
    expect((await m.api.get(`/subscription/${other.subscription_id}`)).body.data.status).toBe("A");
  });
});

describe("GET /plan and GET /plan/{plan_code}", () => {
  let m: TestMerchant;
  let plans: Plan[];
  beforeAll(async () => {
    m = await newMerchant("Plans browse");
    plans = [];
    for (const [code, name, amount] of [
      ["BROWSEC", "Copper", 3],
      ["BROWSEA", "Amber", 1],
      ["BROWSEB", "Bronze", 2],
    ] as const) {
      plans.push(await addPlan(m, { plan_code: code, plan_name: name, amt_tran: amount }));
    }
    expectStatus(await m.api.post(`/plan/BROWSEB/archive`), 200, "archive");
  });

  it("lists every plan of the merchant, plan_code ascending by default, with the paging fields", async () => {
    const res = await m.api.get("/plan");
    expect(listOf(res).map((p) => [p.plan_code, p.status])).toEqual([
      ["BROWSEA", "E"],
      ["BROWSEB", "A"],
      ["BROWSEC", "E"],
    ]);
    expect(res.body).toMatchObject({ totalRecords: 3, totalPages: 1, count: 10, page: 0, order_on: "plan_code", order_by: "asc" });
  });

  it("pages, sorts and filters", async () => {
    const page = await m.api.get("/plan?count=2&page=1&order_on=amt_tran&order_by=desc");
    expect(listOf(page).map((p) => p.plan_name)).toEqual(["Amber"]);
    expect(page.body).toMatchObject({ totalRecords: 3, totalPages: 2, count: 2, page: 1 });
    expect(listOf(await m.api.get("/plan?filter=status,EQUALS,E&order_on=plan_id")).map((p) => p.plan_code)).toEqual(["BROWSEC", "BROWSEA"]);
    expect(listOf(await m.api.get("/plan?filter=plan_name,LIKE,ER")).map((p) => p.plan_name)).toEqual(["Amber", "Copper"]);
  });

  it.each([
    ["an unknown order_on", "order_on=amt_setup", "order_on"],
    ["an unknown filter field", "filter=amt_tran,EQUALS,1", "filter"],
    ["an unknown operator", "filter=status,IS,E", "filter"],
    ["count 0", "count=0", "count"],
    ["a negative page", "page=-1", "page"],
  ])("refuses %s with a 400", async (_, query, field) => {
    expect400(await m.api.get(`/plan?${query}`), field);
  });

  it("GET /plan/{plan_code} lists that code's versions only; a code never used is a 404", async () => {
    expect(listOf(await m.api.get("/plan/BROWSEA"))).toEqual([plans[1]]);
    expectStatusCode(await m.api.get("/plan/NOSUCHCODE"), 404, 7);
    expectStatusCode(await m.api.get("/plan/browsea"), 404, 7);
  });
});

describe("POST /plan/{plan_code}/archive and DELETE /plan/{plan_id}/delete", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Plans archive");
  });

  it("archives the active version: status A, the code free again, an audit row; a second archive is a 409", async () => {
    const plan = await addPlan(m);
    const res = await m.api.post(`/plan/${plan.plan_code}/archive`, { plan_name: plan.plan_name });
    expect(planOf(res)).toMatchObject({ plan_id: plan.plan_id, status: "A" });
    expect(await auditOf(res)).toEqual([{ action: "plan.archive", targetType: "plan", targetId: String(plan.plan_id) }]);
    expect((await getDb().plan.findUniqueOrThrow({ where: { id: plan.plan_id } })).activeCode).toBeNull();
    const audits = await auditCount(m);
    expectStatusCode(await m.api.post(`/plan/${plan.plan_code}/archive`), 409, 8);
    expectStatusCode(await m.api.post(`/plan/NOSUCHPLAN/archive`), 404, 7);
    expect(await auditCount(m)).toBe(audits);
  });

  it("deletes any version by plan_id, active or archived; it stays visible; deleting again changes nothing", async () => {
    const active = await addPlan(m);
    const res = await m.api.delete(`/plan/${active.plan_id}/delete`);
    expect(planOf(res)).toMatchObject({ plan_id: active.plan_id, status: "D" });
    expect(await auditOf(res)).toEqual([{ action: "plan.delete", targetType: "plan", targetId: String(active.plan_id) }]);
    expect(listOf(await m.api.get(`/plan/${active.plan_code}`)).map((p) => p.status)).toEqual(["D"]);
    expectStatusCode(await m.api.put(`/plan/${active.plan_code}`, { plan_name: "x" }), 409, 8);

    const rows = await planRows(m);
    const again = await m.api.delete(`/plan/${active.plan_id}/delete`);
    expect(planOf(again).status).toBe("D");
    expect(await auditOf(again)).toEqual([]);
    expect(await planRows(m)).toEqual(rows);

    const archived = await addPlan(m);
    expectStatus(await m.api.post(`/plan/${archived.plan_code}/archive`), 200, "archive");
    expect(planOf(await m.api.delete(`/plan/${archived.plan_id}/delete`)).status).toBe("D");
  });

  it("answers 404 for an unknown plan_id, also one past the column's range, and 400 for a malformed one", async () => {
    expectStatusCode(await m.api.delete(`/plan/2147483647/delete`), 404, 7);
    expectStatusCode(await m.api.delete(`/plan/9999999999/delete`), 404, 7);
    expect400(await m.api.delete(`/plan/12345678901/delete`), "plan_id");
    expect400(await m.api.delete(`/plan/GOLD/delete`), "plan_id");
  });
});

describe("another merchant's plans", () => {
  it("are unknown here: every operation answers 404 and changes nothing, and browse does not show them", async () => {
    const owner = await newMerchant("Plans owner");
    const other = await newMerchant("Plans other");
    const plan = await addPlan(owner);
    const rows = await planRows(owner);
    expectStatusCode(await other.api.get(`/plan/${plan.plan_code}`), 404, 7);
    expectStatusCode(await other.api.put(`/plan/${plan.plan_code}`, { plan_name: "Mine" }), 404, 7);
    expectStatusCode(await other.api.post(`/plan/${plan.plan_code}/archive`), 404, 7);
    expectStatusCode(await other.api.delete(`/plan/${plan.plan_id}/delete`), 404, 7);
    expect(listOf(await other.api.get("/plan"))).toEqual([]);
    expectStatusCode(await other.api.get(`/plan?merchant_id=${owner.merchantId}`), 403, 3);
    expect(await planRows(owner)).toEqual(rows);
  });
});
