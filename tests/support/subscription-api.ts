// Helpers for the subscriptions API suites (tests/api/subscription*.test.ts):
// customers, plans and subscriptions made through the API, answers parsed
// against the shapes the OpenAPI document publishes (strict: no field they
// lack), the merchant's billing day and clock, and the rows a change wrote
// (subscriptions, events, audit).
import { expect } from "vitest";
import type { z } from "zod";
import { merchantToday } from "@/lib/billing/merchant-today";
import { formatDay } from "@/lib/billing/utc-date";
import { getDb } from "@/lib/db/client";
import { advanceSandboxClock } from "@/lib/gateway/set-merchant-gateway";
import { listEnvelope, successEnvelope } from "@/lib/openapi/envelope-schemas";
import { SubscriptionResponseSchema } from "@/lib/openapi/response-schemas";
import type { ApiResponse } from "./api-client";
import { json, type TestMerchant } from "./fixtures";
import { customerBody, expectStatus, UUID_PATTERN } from "./security-suite";

export const SubscriptionAnswer = successEnvelope(SubscriptionResponseSchema.strict()).strict();
export const SubscriptionList = listEnvelope(SubscriptionResponseSchema.strict()).strict();
export type Subscription = z.output<typeof SubscriptionResponseSchema>;

export function subscriptionOf(res: ApiResponse): Subscription {
  expectStatus(res, 200, "subscription");
  return SubscriptionAnswer.parse(res.body).data as Subscription;
}

export function subscriptionsOf(res: ApiResponse): Subscription[] {
  expectStatus(res, 200, "subscription list");
  return SubscriptionList.parse(res.body).data as Subscription[];
}

export type Customer = { customer_id: string; cards: string[] };

/** A customer with `cards` fresh Visa cards (the first primary), through POST /vault/customer. */
export async function addCustomer(m: TestMerchant, cards = 1): Promise<Customer> {
  const body = customerBody();
  body.billing_cards = Array.from({ length: cards }, () => customerBody().billing_cards as unknown[]).flat();
  const res = await m.api.post("/vault/customer", body);
  expectStatus(res, 200, "add customer");
  return { customer_id: body.customer_id, cards: (res.body.data.billing_cards as { card_id: string }[]).map((c) => c.card_id) };
}

let seq = 0;
/** A plan_code no other test uses. */
export const uniqueCode = (prefix = "S") => `${prefix}${Date.now().toString(36).slice(-6)}${(++seq).toString(36)}`.slice(0, 16);

/** An active plan through POST /plan: monthly, 12 cycles, 19.99 unless overridden. */
export async function addPlan(m: TestMerchant, overrides: Record<string, unknown> = {}): Promise<{ plan_id: number; plan_code: string }> {
  const body = { plan_code: uniqueCode(), plan_name: "Gold", plan_desc: "Gold, monthly", plan_frequency: 3, plan_duration: 12, amt_tran: 19.99, ...overrides };
  const res = await m.api.post("/plan", body);
  expectStatus(res, 200, "add plan");
  return { plan_id: res.body.data.plan_id as number, plan_code: body.plan_code as string };
}

/** The merchant's billing day (its sandbox clock), as a day number and as YYYY-MM-DD with `plus` days added. */
export async function today(m: TestMerchant): Promise<number> {
  return merchantToday(BigInt(m.merchantId));
}
export async function day(m: TestMerchant, plus = 0): Promise<string> {
  return formatDay((await today(m)) + plus);
}

/** Moves the merchant's sandbox clock ahead by whole days. */
export async function advanceDays(m: TestMerchant, days: number): Promise<void> {
  await advanceSandboxClock({ merchantId: BigInt(m.merchantId), actor: "test" }, days * 24);
}

/** An off-plan subscription body: daily, until cancelled, 5.00, from today (the merchant's). */
export async function offPlanBody(m: TestMerchant, customerId: string, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return { customer_id: customerId, date_start: await day(m), plan_frequency: 7, plan_duration: -1, amt_tran: 5, ...overrides };
}

export async function addSubscription(m: TestMerchant, body: Record<string, unknown>): Promise<Subscription> {
  return subscriptionOf(await m.api.post("/subscription", body));
}

export const subscriptionRow = (id: number) => getDb().billingSubscription.findUniqueOrThrow({ where: { id } });
export const subscriptionRows = (m: TestMerchant) =>
  getDb().billingSubscription.findMany({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "asc" } });

type EventRow = { id: number; type: string; data: Record<string, unknown> };

/** The merchant's outbox, oldest first, payloads parsed. */
export async function eventsOf(m: TestMerchant): Promise<EventRow[]> {
  const rows = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ id: r.id, type: r.type, data: JSON.parse(r.payload) as Record<string, unknown> }));
}

/** The events written after `before` (an earlier eventsOf), as [type, data]. */
export async function eventsSince(m: TestMerchant, before: EventRow[]): Promise<[string, Record<string, unknown>][]> {
  const last = before.at(-1)?.id ?? 0;
  return (await eventsOf(m)).filter((e) => e.id > last).map((e) => [e.type, e.data]);
}

/** The audit rows the request wrote (found by its x-request-id), as [action, target id]. */
export async function auditOf(res: ApiResponse): Promise<[string, string][]> {
  const requestId = res.headers.get("x-request-id");
  expect(requestId, "x-request-id header").toMatch(UUID_PATTERN);
  const rows = await getDb().auditLog.findMany({ where: { requestId: requestId! }, orderBy: { id: "asc" } });
  return rows.map((r) => [r.action, r.targetId]);
}

/** Everything a refused request must leave as it was: the merchant's subscriptions, labels, customers, cards, audit rows and events. */
export async function merchantState(m: TestMerchant) {
  const merchantId = BigInt(m.merchantId);
  const db = getDb();
  return {
    subscriptions: await subscriptionRows(m),
    labels: await db.billingSubscriptionLabel.findMany({ where: { subscription: { merchantId } }, orderBy: { id: "asc" } }),
    customers: await db.customer.count({ where: { merchantId } }),
    cards: await db.card.count({ where: { merchantId } }),
    audit: await db.auditLog.count({ where: { merchantId } }),
    events: await db.event.count({ where: { merchantId } }),
  };
}

export function expect400(res: ApiResponse, field: string) {
  expect(res.status, json(res.body)).toBe(400);
  expect(res.body.code).toBe(6);
  expect(Object.keys(res.body.data ?? {}), json(res.body)).toContain(field);
}

export function expectStatusCode(res: ApiResponse, status: number, code: number) {
  expect(res.status, json(res.body)).toBe(status);
  expect(res.body.code).toBe(code);
}
