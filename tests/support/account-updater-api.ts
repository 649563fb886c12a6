// Shared steps of the Account Updater API suites (tests/api/account-updater-*.test.ts
// and the leak test): answers parsed against the shapes the OpenAPI document
// publishes (strict: no field they lack), enrolment, customers with chosen
// numbers, requests, and the sandbox clock moved over HTTP.
import { z } from "zod";
import { CreateRequestResponseSchema, SummaryResponseSchema } from "@/lib/account-updater/schemas";
import { listEnvelope, MessageEnvelopeSchema, successEnvelope } from "@/lib/openapi/envelope-schemas";
import { SandboxClockMovedSchema } from "@/lib/sandbox-clock/schemas";
import type { ApiResponse } from "./api-client";
import { enrol } from "./account-updater";
import { futureExpiry, type TestMerchant } from "./fixtures";
import { customerBody, expectStatus } from "./security-suite";
import type { Customer } from "./subscription-api";

/** The answer's data, parsed against the published envelope and shape (strict). */
export function dataOf<S extends z.ZodObject>(shape: S, res: ApiResponse, what: string): z.output<S> {
  expectStatus(res, 200, what);
  return successEnvelope(shape.strict()).strict().parse(res.body).data as z.output<S>;
}

export type Page<T> = { totalRecords: number; totalPages: number; count: number; page: number; order_on: string; order_by: string; data: T[] };

/** A browse answer, parsed against the published list envelope and item shape (strict). */
export function pageOf<S extends z.ZodObject>(item: S, res: ApiResponse, what: string): Page<z.output<S>> {
  expectStatus(res, 200, what);
  return listEnvelope(item.strict()).strict().parse(res.body) as Page<z.output<S>>;
}

export function messageOf(res: ApiResponse, what: string): string {
  expectStatus(res, 200, what);
  return MessageEnvelopeSchema.strict().parse(res.body).message;
}

/**
 * Enrols the merchant, harvested on `harvestDay` (28 unless given). With
 * `harvested`, this month's harvest counts as done, so the clock moves of a
 * test run only the requests it makes, whatever day the suite runs on.
 */
export async function enrolMerchant(m: TestMerchant, options: { harvestDay?: number; harvested?: boolean } = {}): Promise<void> {
  await enrol({ merchantId: BigInt(m.merchantId), actor: "test" }, options.harvestDay ?? 28, { harvested: options.harvested });
}

/** A customer with cards of the given numbers (each expiring `expDate`), through POST /vault/customer. */
export async function customerWithNumbers(m: TestMerchant, numbers: string[], expDate = futureExpiry()): Promise<Customer> {
  const body = customerBody({ billing_cards: numbers.map((card_number) => ({ card_number, exp_date: expDate, billing_zip: "94402" })) });
  const res = await m.api.post("/vault/customer", body);
  expectStatus(res, 200, "add customer");
  return { customer_id: body.customer_id, cards: (res.body.data.billing_cards as { card_id: string }[]).map((c) => c.card_id) };
}

export async function createRequest(m: TestMerchant, cardIds: string[]): Promise<number> {
  return dataOf(CreateRequestResponseSchema, await m.api.post("/aus/request/create", { card_id: cardIds }), "create").request_id;
}

export async function summaryOf(m: TestMerchant, requestId: number) {
  return dataOf(SummaryResponseSchema, await m.api.get(`/aus/request/summary/${requestId}`), "summary");
}

/** POST /sandbox/clock, its answer parsed (strict). */
export async function moveClock(m: TestMerchant, body: { advance_days: number } | { date: string }) {
  return dataOf(SandboxClockMovedSchema, await m.api.post("/sandbox/clock", body), `move the clock ${JSON.stringify(body)}`);
}
