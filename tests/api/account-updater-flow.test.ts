// The Account Updater end to end over HTTP, against the built server and a
// real database: cards added through the API, a request made (by card_id, by
// number, or the monthly harvest), the sandbox clock moved so the sandbox
// network is sent the file one day and answers it the next, then every
// pinned sandbox answer read back through the reports and the vault's own
// customer operation: 201 a new expiry, 202 a new number under the same
// card_id, 203 and 204 held (a later request rejects them), 206 and 200
// unchanged. A cancelled request applies nothing. Every answer is parsed
// against the shapes the OpenAPI document publishes (strict), answered rows
// included, and the request events carry counts, never a card.
import { describe, expect, it } from "vitest";
import { REJECT_REASONS } from "@/lib/account-updater/eligibility";
import {
  AddRequestResponseSchema,
  CancelResponseSchema,
  DetailResponseSchema,
  SummaryResponseSchema,
  UpdatedResponseSchema,
} from "@/lib/account-updater/schemas";
import { getDb } from "@/lib/db/client";
import { successEnvelope } from "@/lib/openapi/envelope-schemas";
import { SandboxClockSchema } from "@/lib/sandbox-clock/schemas";
import { CustomerResponseSchema, type BillingCardResponse } from "@/lib/vault/schemas";
import { eventsOf, yearsLater } from "../support/account-updater";
import { createRequest, customerWithNumbers, dataOf, enrolMerchant, moveClock, pageOf, summaryOf } from "../support/account-updater-api";
import { futureExpiry, masked, newMerchant, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";

/** The sandbox network's pinned cards (docs/account-updater.md, "The sandbox network"), and an ordinary one. */
const PINNED = {
  "201": "4000000000000010",
  "202": "4000000000000028",
  "203": "4000000000000044",
  "204": "4000000000000051",
  "206": "4000000000000069",
  "202mc": "5555555555554410",
} as const;
const NEW_VISA = "4000000000000036";
const NEW_MC = "5555555555554428";
type Kind = keyof typeof PINNED | "200";
const KINDS: Kind[] = ["201", "202", "203", "204", "206", "202mc", "200"];
/** Every pinned number, old and new, in full. */
const FULL_NUMBERS = [...Object.values(PINNED), NEW_VISA, NEW_MC];

const EXP = futureExpiry();
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function clock(m: TestMerchant): Promise<string> {
  return dataOf(SandboxClockSchema, await m.api.get("/sandbox/clock"), "clock").date;
}

/** The customer's cards as GET /vault/customer/{id} answers them (strict), by card_id. */
async function cardsOf(m: TestMerchant, customerId: string): Promise<Map<string, BillingCardResponse>> {
  const res = await m.api.get(`/vault/customer/${customerId}`);
  expectStatus(res, 200, "get customer");
  const customer = successEnvelope(CustomerResponseSchema).strict().parse(res.body).data as { billing_cards: BillingCardResponse[] };
  return new Map(customer.billing_cards.map((card) => [card.card_id, card]));
}

type PinnedCustomer = { customerId: string; ids: Record<Kind, string>; ordinary: string; before: Map<string, BillingCardResponse> };

/** A customer with every pinned card and an ordinary one, all expiring EXP, through the API. */
async function pinnedCustomer(m: TestMerchant): Promise<PinnedCustomer> {
  const ordinary = uniqueVisa();
  const numbers = KINDS.map((kind) => (kind === "200" ? ordinary : PINNED[kind]));
  const customer = await customerWithNumbers(m, numbers, EXP);
  const before = await cardsOf(m, customer.customer_id);
  // By mask, not by position: each number's mask is its own here.
  const idOf = (number: string) => [...before.values()].find((card) => card.card_number === masked(number))!.card_id;
  const ids = Object.fromEntries(KINDS.map((kind, i) => [kind, idOf(numbers[i]!)])) as Record<Kind, string>;
  return { customerId: customer.customer_id, ids, ordinary, before };
}

/** What the detail report says of each pinned card once answered. */
function expectedDetail(m: TestMerchant, requestId: number, dates: { request: string; response: string }, kind: Kind, number: string, cardId: string) {
  const answer: Record<Kind, Record<string, unknown>> = {
    "201": { reason_code: "201", billable: true, exp_date_new: yearsLater(EXP, 3) },
    "202": { reason_code: "202", billable: true, card_number_new: masked(NEW_VISA) },
    "203": { reason_code: "203", billable: true },
    "204": { reason_code: "204", billable: true },
    "206": { reason_code: "206", billable: false },
    "202mc": { reason_code: "202", billable: true, card_number_new: masked(NEW_MC), exp_date_new: yearsLater(EXP, 2) },
    "200": { reason_code: "200", billable: false },
  };
  return {
    merchant_id: m.merchantId,
    request_id: requestId,
    request_date: dates.request,
    response_date: dates.response,
    card_id: cardId,
    card_number: masked(number),
    exp_date: EXP,
    ...answer[kind],
  };
}

/**
 * The request answered every pinned card as pinned, over the API: the
 * summary's counts, each detail row, and the vault's cards (201 and 202
 * changed in place under the same card_id, the rest unchanged).
 */
async function expectPinnedAnswers(m: TestMerchant, requestId: number, customer: PinnedCustomer, dates: { request: string; response: string }, method: string) {
  expect(await summaryOf(m, requestId)).toEqual({
    request_id: requestId,
    merchant_id: m.merchantId,
    status: "COMPLETED",
    method,
    cnt_request: 7,
    cnt_response: 7,
    cnt_update: 3,
    request_date: dates.request,
    rejected_cards: [],
  });
  const detail = pageOf(DetailResponseSchema, await m.api.get(`/aus/request/detail/${requestId}?count=100`), "detail");
  expect(detail.totalRecords).toBe(7);
  const byCard = new Map(detail.data.map((row) => [row.card_id, row]));
  for (const kind of KINDS) {
    const number = kind === "200" ? customer.ordinary : PINNED[kind];
    expect(byCard.get(customer.ids[kind]), kind).toEqual(expectedDetail(m, requestId, dates, kind, number, customer.ids[kind]));
  }

  const after = await cardsOf(m, customer.customerId);
  expect([...after.keys()].sort()).toEqual([...customer.before.keys()].sort());
  const before = (kind: Kind) => customer.before.get(customer.ids[kind])!;
  expect(after.get(customer.ids["201"])).toEqual({ ...before("201"), exp_date: yearsLater(EXP, 3) });
  expect(after.get(customer.ids["202"])).toEqual({ ...before("202"), card_number: masked(NEW_VISA) });
  expect(after.get(customer.ids["202mc"])).toEqual({ ...before("202mc"), card_number: masked(NEW_MC), exp_date: yearsLater(EXP, 2) });
  for (const kind of ["203", "204", "206", "200"] as const) expect(after.get(customer.ids[kind]), kind).toEqual(before(kind));

  // 203 and 204 are held: a later request leaves them out, "on hold"; 206 is sent again.
  const again = await createRequest(m, [customer.ids["203"], customer.ids["204"], customer.ids["206"]]);
  const summary = await summaryOf(m, again);
  expect(summary).toMatchObject({ status: "INPROGRESS", cnt_request: 1 });
  expect(summary.rejected_cards).toEqual([
    { card_id: customer.ids["203"], reject_reason: REJECT_REASONS.on_hold },
    { card_id: customer.ids["204"], reject_reason: REJECT_REASONS.on_hold },
  ]);
  // Cancelled, so no later move of this merchant's clock answers it.
  dataOf(CancelResponseSchema, await m.api.post(`/aus/request/cancel/${again}`), "cancel");
}

/** The request's two events: counts only, no card or number of any kind. */
async function expectRequestEvents(m: TestMerchant, requestId: number, method: string, dates: { request: string; response: string }) {
  const merchantId = BigInt(m.merchantId);
  const created = (await eventsOf(merchantId, "account_updater_request_created")).filter((e) => e.request_id === requestId);
  const completed = (await eventsOf(merchantId, "account_updater_request_completed")).filter((e) => e.request_id === requestId);
  const counts = { request_id: requestId, method, request_date: dates.request, cnt_request: 7, cnt_rejected: 0 };
  expect(created).toEqual([{ ...counts, status: "INPROGRESS", cnt_response: 0, cnt_update: 0 }]);
  expect(completed).toEqual([{ ...counts, status: "COMPLETED", response_date: dates.response, cnt_response: 7, cnt_update: 3 }]);
  const text = JSON.stringify([...created, ...completed]);
  expect(text).not.toMatch(/\d{6}x+\d{4}/);
  for (const number of FULL_NUMBERS) expect(text).not.toContain(number);
}

describe("an ad-hoc request (/aus/request/create) of every pinned sandbox card", () => {
  it("is sent today and answered tomorrow by one move of the sandbox clock; the reports and the vault show each answer", async () => {
    const m = await newMerchant("AU flow create");
    await enrolMerchant(m, { harvested: true });
    const customer = await pinnedCustomer(m);
    const today = await clock(m);
    const requestId = await createRequest(
      m,
      KINDS.map((kind) => customer.ids[kind]),
    );
    expect((await summaryOf(m, requestId)).status).toBe("INPROGRESS");

    const moved = await moveClock(m, { advance_days: 1 });
    expect(moved).toEqual({ date: addDays(today, 1), charges: 0, declines: 0, suspended: 0, completed: 0, cancelled: 0, au_requests: 1 });
    const dates = { request: today, response: addDays(today, 1) };
    await expectRequestEvents(m, requestId, "harvest_card_id", dates);
    await expectPinnedAnswers(m, requestId, customer, dates, "harvest_card_id");

    // The updates are the vault's own card events too, with masked numbers.
    const updated = await eventsOf(BigInt(m.merchantId), "vault_card_updated");
    expect(updated.map((e) => [e.card_id, e.card_number]).sort()).toEqual(
      [
        [customer.ids["201"], masked(PINNED["201"])],
        [customer.ids["202"], masked(NEW_VISA)],
        [customer.ids["202mc"], masked(NEW_MC)],
      ].sort(),
    );
  });
});

describe("the monthly harvest, driven by the sandbox clock", () => {
  it("makes a harvest_cust_vault request on the harvest day, answered the next day like any other", async () => {
    const m = await newMerchant("AU flow harvest");
    // The 3rd of next month, before enrolling: no harvest can run on the way.
    const [year, month] = (await clock(m)).split("-").map(Number) as [number, number];
    const third = new Date(Date.UTC(year, month, 3)).toISOString().slice(0, 10);
    await moveClock(m, { date: third });
    await enrolMerchant(m, { harvestDay: 5 });
    const customer = await pinnedCustomer(m);

    expect((await moveClock(m, { advance_days: 1 })).au_requests).toBe(0);
    expect(pageOf(SummaryResponseSchema, await m.api.get("/aus/request/summary"), "summaries").totalRecords).toBe(0);

    // The harvest day: the request is made and its file sent, not yet answered.
    expect((await moveClock(m, { advance_days: 1 })).au_requests).toBe(0);
    const harvests = pageOf(SummaryResponseSchema, await m.api.get("/aus/request/summary"), "summaries");
    const harvestDay = addDays(third, 2);
    expect(harvests.data).toEqual([
      {
        request_id: expect.any(Number) as number,
        merchant_id: m.merchantId,
        status: "QUEUED",
        method: "harvest_cust_vault",
        cnt_request: 7,
        cnt_response: 0,
        cnt_update: 0,
        request_date: harvestDay,
        rejected_cards: [],
      },
    ]);
    const requestId = harvests.data[0]!.request_id;
    const waiting = pageOf(DetailResponseSchema, await m.api.get(`/aus/request/detail/${requestId}?count=100`), "detail before the answers");
    expect(waiting.data.every((row) => row.reason_code === undefined && row.billable === undefined && row.response_date === undefined)).toBe(true);

    const moved = await moveClock(m, { advance_days: 1 });
    expect(moved).toMatchObject({ date: addDays(harvestDay, 1), au_requests: 1 });
    const dates = { request: harvestDay, response: addDays(harvestDay, 1) };
    await expectRequestEvents(m, requestId, "harvest_cust_vault", dates);
    await expectPinnedAnswers(m, requestId, customer, dates, "harvest_cust_vault");
  });
});

describe("a request by number (/aus/add)", () => {
  it("is answered after a clock move; GET /aus/{requestId} shows the numbers sent and their new numbers in full, vault cards masked", async () => {
    const m = await newMerchant("AU flow add");
    await enrolMerchant(m, { harvested: true });
    const vaultCard = (await customerWithNumbers(m, [PINNED["201"]], EXP)).cards[0]!;
    const ordinary = uniqueVisa();
    const today = await clock(m);
    const added = await m.api.post("/aus/add", {
      data: [
        { card_id: "REF202", card_number: PINNED["202"], exp_date: EXP },
        { card_number: PINNED["202mc"], exp_date: EXP },
        { card_id: "REF200", card_number: ordinary, exp_date: EXP },
        { card_id: vaultCard },
      ],
    });
    const requestId = Number(dataOf(AddRequestResponseSchema, added, "add").request_id);
    const sent = [...FULL_NUMBERS, ordinary];
    for (const number of sent) expect(JSON.stringify(added.body)).not.toContain(number);

    expect((await moveClock(m, { advance_days: 1 })).au_requests).toBe(1);
    const response = addDays(today, 1);
    const updated = pageOf(UpdatedResponseSchema, await m.api.get(`/aus/${requestId}?order_on=request_id&order_by=asc`), "updated");
    expect(updated.data).toEqual([
      { card_id: "REF202", card_number: PINNED["202"], exp_date: EXP, reason_code: "202", card_number_new: NEW_VISA },
      { card_number: PINNED["202mc"], exp_date: EXP, reason_code: "202", card_number_new: NEW_MC, exp_date_new: yearsLater(EXP, 2) },
      { card_id: "REF200", card_number: ordinary, exp_date: EXP, reason_code: "200" },
      { card_id: vaultCard, card_number: masked(PINNED["201"]), exp_date: EXP, reason_code: "201", exp_date_new: yearsLater(EXP, 3) },
    ]);

    expect(await summaryOf(m, requestId)).toMatchObject({ status: "COMPLETED", method: "harvest_api", cnt_request: 4, cnt_response: 4, cnt_update: 3 });
    const detail = pageOf(DetailResponseSchema, await m.api.get(`/aus/request/detail/${requestId}?order_on=request_id&order_by=asc`), "detail");
    const common = { merchant_id: m.merchantId, request_id: requestId, request_date: today, response_date: response, exp_date: EXP };
    expect(detail.data).toEqual([
      { ...common, card_id: "REF202", card_number: masked(PINNED["202"]), card_number_new: masked(NEW_VISA), reason_code: "202", billable: true },
      {
        ...common,
        card_number: masked(PINNED["202mc"]),
        card_number_new: masked(NEW_MC),
        exp_date_new: yearsLater(EXP, 2),
        reason_code: "202",
        billable: true,
      },
      { ...common, card_id: "REF200", card_number: masked(ordinary), reason_code: "200", billable: false },
      { ...common, card_id: vaultCard, card_number: masked(PINNED["201"]), exp_date_new: yearsLater(EXP, 3), reason_code: "201", billable: true },
    ]);
    // card_id filters what the report shows as card_id: the vault card, or the merchant's own reference for a number it sent.
    const filtered = async (path: string, filter: string) =>
      pageOf(DetailResponseSchema, await m.api.get(`${path}?filter=${encodeURIComponent(filter)}`), filter).data.map((row) => row.card_number);
    const detailPath = `/aus/request/detail/${requestId}`;
    expect(await filtered(detailPath, "card_id,EQUALS,REF202")).toEqual([masked(PINNED["202"])]);
    expect(await filtered(detailPath, "card_id,LIKE,ref2")).toEqual([masked(PINNED["202"]), masked(ordinary)]);
    expect(await filtered(detailPath, `card_id,EQUALS,${vaultCard}`)).toEqual([masked(PINNED["201"])]);
    expect(await filtered(detailPath, "card_id,IS_NULL")).toEqual([masked(PINNED["202mc"])]);
    expect((await filtered(detailPath, "card_id,NOT_EQUALS,REF202")).sort()).toEqual([masked(PINNED["202mc"]), masked(ordinary), masked(PINNED["201"])].sort());
    const shown = pageOf(UpdatedResponseSchema, await m.api.get(`/aus/${requestId}?filter=card_id,EQUALS,REF200`), "updated, filtered");
    expect(shown.data).toEqual([{ card_id: "REF200", card_number: ordinary, exp_date: EXP, reason_code: "200" }]);

    // The other reports mask every number, this request's and all of them.
    const reports = [
      await m.api.get(`/aus/request/summary/${requestId}`),
      await m.api.get(`/aus/request/detail/${requestId}`),
      await m.api.get("/aus/request/detail"),
      await m.api.get("/aus/request/summary"),
    ];
    for (const report of reports) {
      expectStatus(report, 200, "report");
      for (const number of sent) expect(JSON.stringify(report.body)).not.toContain(number);
    }
    // The vault card named by card_id was updated in the vault; the numbers sent were not stored as cards.
    const [card] = await getDb().card.findMany({ where: { merchantId: BigInt(m.merchantId) } });
    expect(card).toMatchObject({ id: vaultCard, expDate: yearsLater(EXP, 3) });
  });
});

describe("a cancelled request", () => {
  it("cancelled right after it was made: nothing is sent or applied when the clock moves", async () => {
    const m = await newMerchant("AU flow cancel");
    await enrolMerchant(m, { harvested: true });
    const customer = await pinnedCustomer(m);
    const requestId = await createRequest(
      m,
      KINDS.map((kind) => customer.ids[kind]),
    );
    expect(dataOf(CancelResponseSchema, await m.api.post(`/aus/request/cancel/${requestId}`), "cancel").status).toBe("CANCELED");

    expect((await moveClock(m, { advance_days: 2 })).au_requests).toBe(0);
    await expectNothingApplied(m, requestId, customer);
    expect(await getDb().accountUpdaterFile.findMany({ where: { requestId }, select: { networkRef: true } })).toEqual([{ networkRef: null }]);
  });

  it("cancelled once sent (QUEUED): the answers that come are dropped", async () => {
    const m = await newMerchant("AU flow cancel queued");
    await enrolMerchant(m, { harvested: true });
    const customer = await pinnedCustomer(m);
    const requestId = await createRequest(
      m,
      KINDS.map((kind) => customer.ids[kind]),
    );
    // Today again: today's work runs (the file is sent), and the clock stays.
    const today = await clock(m);
    expect(await moveClock(m, { date: today })).toMatchObject({ date: today, au_requests: 0 });
    expect((await summaryOf(m, requestId)).status).toBe("QUEUED");
    expect(dataOf(CancelResponseSchema, await m.api.post(`/aus/request/cancel/${requestId}`), "cancel").status).toBe("CANCELED");

    expect((await moveClock(m, { advance_days: 1 })).au_requests).toBe(0);
    await expectNothingApplied(m, requestId, customer);
  });
});

/** A cancelled request: no answer in its reports, the cards as they were, no completed or card event. */
async function expectNothingApplied(m: TestMerchant, requestId: number, customer: PinnedCustomer) {
  expect(await summaryOf(m, requestId)).toMatchObject({ status: "CANCELED", cnt_request: 7, cnt_response: 0, cnt_update: 0 });
  const detail = pageOf(DetailResponseSchema, await m.api.get(`/aus/request/detail/${requestId}?count=100`), "detail");
  expect(detail.totalRecords).toBe(7);
  expect(detail.data.every((row) => row.reason_code === undefined && row.billable === undefined && row.response_date === undefined)).toBe(true);
  expect(await cardsOf(m, customer.customerId)).toEqual(customer.before);
  expect(await getDb().card.count({ where: { merchantId: BigInt(m.merchantId), auHold: true } })).toBe(0);
  const merchantId = BigInt(m.merchantId);
  expect(await eventsOf(merchantId, "account_updater_request_completed")).toEqual([]);
  expect(await eventsOf(merchantId, "vault_card_updated")).toEqual([]);
}
