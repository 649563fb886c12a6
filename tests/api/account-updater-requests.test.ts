// The Account Updater's API operations against the real server and database:
// requests by card_id (/aus/request/create) and by number (/aus/add), the
// cards each rejects and why, enrolment required for requests only, cancel
// and its 409, the summary and detail reports (numbers masked) and
// GET /aus/{requestId} (the merchant's own numbers in full), holds by
// card_id or customer_id, another merchant's ids, and bad input that changes
// nothing. Every answer is parsed against the shapes the OpenAPI document
// publishes (strict: no field they lack). Sending and answering (the run)
// are tested with the run itself.
import { beforeAll, describe, expect, it } from "vitest";
import { REJECT_REASONS } from "@/lib/account-updater/eligibility";
import { sealNumbers } from "@/lib/account-updater/requests/request-rows";
import {
  AddRequestResponseSchema,
  CancelResponseSchema,
  DetailResponseSchema,
  SummaryResponseSchema,
  UpdatedResponseSchema,
} from "@/lib/account-updater/schemas";
import { generateTestCardNumber } from "@/lib/cards/test-cards";
import { getDb } from "@/lib/db/client";
import { createRequest, customerWithNumbers, dataOf, enrolMerchant, messageOf, pageOf, summaryOf } from "../support/account-updater-api";
import { futureExpiry, masked, newMerchant, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { addCustomer } from "../support/subscription-api";

const heldCards = async (ids: string[]) =>
  (await getDb().card.findMany({ where: { id: { in: ids } }, select: { id: true, auHold: true }, orderBy: { id: "asc" } }))
    .filter((c) => c.auHold)
    .map((c) => c.id);

/** Everything an Account Updater operation of this merchant may write. */
async function writesOf(m: TestMerchant) {
  const merchantId = BigInt(m.merchantId);
  const db = getDb();
  return {
    requests: await db.accountUpdaterRequest.findMany({ where: { merchantId }, orderBy: { id: "asc" } }),
    results: await db.accountUpdaterResult.count({ where: { merchantId } }),
    files: await db.accountUpdaterFile.findMany({ where: { merchantId }, orderBy: { id: "asc" } }),
    history: await db.cardHistory.count({ where: { merchantId } }),
    held: await db.card.count({ where: { merchantId, auHold: true } }),
    audit: await db.auditLog.count({ where: { merchantId } }),
    events: await db.event.count({ where: { merchantId } }),
  };
}

describe("POST /aus/request/create", () => {
  let m: TestMerchant;
  let other: TestMerchant;
  let cards: string[];
  beforeAll(async () => {
    [m, other] = await Promise.all([newMerchant("AU create"), newMerchant("AU create other")]);
    await enrolMerchant(m);
    // 100 cards: five customers of 20 (the most one request adds).
    cards = [];
    for (let i = 0; i < 5; i++) cards.push(...(await addCustomer(m, 20)).cards);
  });

  it("takes 100 cards: one INPROGRESS request of them all, method harvest_card_id, with its file, event and audit row", async () => {
    const requestId = await createRequest(m, cards);
    const summary = await summaryOf(m, requestId);
    expect(summary).toEqual({
      request_id: requestId,
      merchant_id: m.merchantId,
      status: "INPROGRESS",
      method: "harvest_card_id",
      cnt_request: 100,
      cnt_response: 0,
      cnt_update: 0,
      request_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
      rejected_cards: [],
    });
    const db = getDb();
    const results = await db.accountUpdaterResult.findMany({ where: { requestId }, orderBy: { id: "asc" } });
    expect(results.map((r) => r.cardId)).toEqual(cards);
    expect(results.every((r) => r.sealedNumbers === null && /^\d{6}x+\d{4}$/.test(r.maskedNumber))).toBe(true);
    expect(await db.accountUpdaterFile.count({ where: { requestId, doneAt: null } })).toBe(1);
    const audit = await db.auditLog.findMany({ where: { merchantId: BigInt(m.merchantId), action: "account_updater.request" } });
    expect(audit.map((a) => [a.targetType, a.targetId])).toContainEqual(["account_updater_request", String(requestId)]);
    const events = await db.event.findMany({ where: { merchantId: BigInt(m.merchantId), type: "account_updater_request_created" } });
    expect(events.some((e) => (JSON.parse(e.payload) as { request_id: number }).request_id === requestId)).toBe(true);
  });

  it("refuses 101 cards, a malformed card_id, a repeated one and an empty list, each a 400 naming the field, writing nothing", async () => {
    const extra = (await addCustomer(m, 1)).cards[0]!;
    const before = await writesOf(m);
    const cases: [unknown, string][] = [
      [{ card_id: [...cards, extra] }, "card_id"],
      [{ card_id: [cards[0], "NOT-A-CARD-ID"] }, "card_id[1]"],
      [{ card_id: [cards[0]!.toUpperCase()] }, "card_id[0]"],
      [{ card_id: [cards[0], cards[1], cards[0]] }, "card_id[2]"],
      [{ card_id: [] }, "card_id"],
      [{ card_id: cards[0] }, "card_id"],
      [{}, "card_id"],
    ];
    for (const [body, field] of cases) {
      const res = await m.api.post("/aus/request/create", body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys(res.body.data as object)).toContain(field);
    }
    expect(await writesOf(m)).toEqual(before);
  });

  it("rejects another merchant's card as not found, and says nothing else of it", async () => {
    const theirs = await customerWithNumbers(other, [uniqueVisa()]);
    const mine = (await addCustomer(m, 1)).cards[0]!;
    const unknown = "0123456789abcdef0123456789abcdef";
    const requestId = await createRequest(m, [theirs.cards[0]!, mine, unknown]);
    const summary = await summaryOf(m, requestId);
    expect(summary.cnt_request).toBe(1);
    expect(summary.rejected_cards).toEqual([
      { card_id: theirs.cards[0], reject_reason: REJECT_REASONS.not_found },
      { card_id: unknown, reject_reason: REJECT_REASONS.not_found },
    ]);
    const detail = pageOf(DetailResponseSchema, await m.api.get(`/aus/request/detail/${requestId}`), "detail");
    expect(detail.data.map((d) => d.card_id)).toEqual([mine]);
    const theirCard = await getDb().card.findUniqueOrThrow({ where: { id: theirs.cards[0]! } });
    expect(JSON.stringify(summary) + JSON.stringify(detail)).not.toContain(theirCard.maskedNumber);
  });

  it("rejects a held card and a JCB card with their reasons; a request of rejected cards only is COMPLETED at once", async () => {
    const jcb = generateTestCardNumber("3530", 16);
    const customer = await customerWithNumbers(m, [uniqueVisa(), jcb]);
    const [held, jcbCard] = customer.cards as [string, string];
    messageOf(await m.api.post("/aus/hold", { card_id: held }), "hold");
    const requestId = await createRequest(m, [held, jcbCard]);
    const summary = await summaryOf(m, requestId);
    expect(summary.status).toBe("COMPLETED");
    expect(summary.cnt_request).toBe(0);
    expect(summary.rejected_cards).toEqual([
      { card_id: held, reject_reason: REJECT_REASONS.on_hold },
      { card_id: jcbCard, reject_reason: REJECT_REASONS.card_type },
    ]);
    expect(await getDb().accountUpdaterFile.count({ where: { requestId } })).toBe(0);
  });

  it("refuses a merchant that is not enrolled (403) for create and add, writing nothing; its reports still answer", async () => {
    const card = (await addCustomer(other, 1)).cards[0]!;
    const before = await writesOf(other);
    const create = await other.api.post("/aus/request/create", { card_id: [card] });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe(3);
    const add = await other.api.post("/aus/add", { data: [{ card_number: uniqueVisa(), exp_date: futureExpiry() }] });
    expect(add.status).toBe(403);
    expect(await writesOf(other)).toEqual(before);
    expect(pageOf(SummaryResponseSchema, await other.api.get("/aus/request/summary"), "summary").totalRecords).toBe(0);
    expect(pageOf(DetailResponseSchema, await other.api.get("/aus/request/detail"), "detail").totalRecords).toBe(0);
  });
});

describe("POST /aus/add and the reports", () => {
  let m: TestMerchant;
  let requestId: number;
  let vaultCard: string;
  const sent = uniqueVisa();
  const sentAnonymous = uniqueVisa();
  const jcb = generateTestCardNumber("3530", 16);
  const stale = uniqueVisa();
  beforeAll(async () => {
    m = await newMerchant("AU add");
    await enrolMerchant(m);
    vaultCard = (await addCustomer(m, 1)).cards[0]!;
    const res = await m.api.post("/aus/add", {
      data: [
        { card_id: "REF1", card_number: sent, exp_date: "1230" },
        { card_number: sentAnonymous, exp_date: futureExpiry() },
        { card_id: vaultCard },
        { card_id: "REFJCB", card_number: jcb, exp_date: futureExpiry() },
        { card_number: stale, exp_date: "0120" },
      ],
    });
    const answer = dataOf(AddRequestResponseSchema, res, "add");
    expect(answer.request_id).toMatch(/^\d+$/);
    requestId = Number(answer.request_id);
  });

  it("makes a harvest_api request of the numbers and the vault card; ineligible numbers are rejected under their card_id or masked number", async () => {
    const summary = await summaryOf(m, requestId);
    expect(summary).toMatchObject({ method: "harvest_api", status: "INPROGRESS", cnt_request: 3 });
    expect(summary.rejected_cards).toEqual([
      { card_id: "REFJCB", reject_reason: REJECT_REASONS.card_type },
      { card_id: masked(stale), reject_reason: REJECT_REASONS.expired },
    ]);
    const rows = await getDb().accountUpdaterResult.findMany({ where: { requestId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.cardId, r.reference, r.sealedNumbers !== null])).toEqual([
      [null, "REF1", true],
      [null, null, true],
      [vaultCard, null, false],
    ]);
    // The numbers are sealed: no column holds them in the clear.
    expect(JSON.stringify(rows, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(sent.slice(6, 12));
  });

  it("the detail reports mask every number; card_id is the vault card or the merchant's reference", async () => {
    const one = pageOf(DetailResponseSchema, await m.api.get(`/aus/request/detail/${requestId}?order_on=request_id&order_by=asc`), "detail");
    expect(one.totalRecords).toBe(3);
    expect(one.data.map((d) => [d.card_id, d.card_number, d.request_id, d.merchant_id])).toEqual([
      ["REF1", masked(sent), requestId, m.merchantId],
      [undefined, masked(sentAnonymous), requestId, m.merchantId],
      [vaultCard, expect.stringMatching(/^\d{6}x{6}\d{4}$/), requestId, m.merchantId],
    ]);
    expect(one.data.every((d) => d.reason_code === undefined && d.billable === undefined && d.response_date === undefined)).toBe(true);
    const all = pageOf(DetailResponseSchema, await m.api.get("/aus/request/detail?count=2"), "all details");
    expect(all.totalRecords).toBe(3);
    expect(all.totalPages).toBe(2);
    expect(JSON.stringify(all) + JSON.stringify(one)).not.toContain(sent);
  });

  it("GET /aus/{requestId} shows the numbers the merchant sent in full, the vault card masked; an answer's new number too", async () => {
    const first = await getDb().accountUpdaterResult.findFirstOrThrow({ where: { requestId, reference: "REF1" } });
    // An answer as the run records one (202: a new number), to see how each report shows it.
    const newNumber = uniqueVisa();
    await getDb().$transaction((tx) =>
      tx.accountUpdaterResult.update({
        where: { id: first.id },
        data: {
          ...sealNumbers(BigInt(m.merchantId), first.id, { number: sent, new: newNumber }),
          maskedNumberNew: masked(newNumber),
          reasonCode: "202",
          responseDate: "2030-01-02",
        },
      }),
    );
    const updated = pageOf(UpdatedResponseSchema, await m.api.get(`/aus/${requestId}?order_on=request_id&order_by=asc`), "updated");
    expect(updated.data).toEqual([
      { card_id: "REF1", card_number: sent, exp_date: "1230", reason_code: "202", card_number_new: newNumber },
      { card_number: sentAnonymous, exp_date: futureExpiry() },
      { card_id: vaultCard, card_number: expect.stringMatching(/^\d{6}x{6}\d{4}$/) as string, exp_date: futureExpiry() },
    ]);
    const detail = pageOf(DetailResponseSchema, await m.api.get(`/aus/request/detail/${requestId}?filter=reason_code,EQUALS,202`), "detail");
    expect(detail.data).toEqual([
      expect.objectContaining({
        card_number: masked(sent),
        card_number_new: masked(newNumber),
        reason_code: "202",
        billable: true,
        response_date: "2030-01-02",
      }),
    ]);
  });

  it("refuses bad entries with a 400 naming data[i].field, writing nothing", async () => {
    const before = await writesOf(m);
    const luhnBad = `${sent.slice(0, 15)}${(Number(sent[15]) + 1) % 10}`;
    const cases: [unknown, string][] = [
      [{ data: [{ card_number: luhnBad, exp_date: "1230" }] }, "data[0].card_number"],
      [
        {
          data: [
            { card_number: sent, exp_date: "1230" },
            { card_number: "9999999999999995", exp_date: "1230" },
          ],
        },
        "data[1].card_number",
      ],
      [{ data: [{ card_number: sent }] }, "data[0].exp_date"],
      [{ data: [{ card_number: sent, exp_date: "13/30" }] }, "data[0].exp_date"],
      [{ data: [{ card_id: "has space", card_number: sent, exp_date: "1230" }] }, "data[0].card_id"],
      [{ data: [{ card_id: "A".repeat(33), card_number: sent, exp_date: "1230" }] }, "data[0].card_id"],
      [{ data: [{ exp_date: "1230" }] }, "data[0].card_id"],
      [{ data: [{ card_id: "REF1" }] }, "data[0].card_id"],
      [{ data: [{ card_id: vaultCard }, { card_id: vaultCard }] }, "data[1].card_id"],
      [{ data: Array.from({ length: 101 }, () => ({ card_number: sent, exp_date: "1230" })) }, "data"],
      [{ data: [] }, "data"],
    ];
    for (const [body, field] of cases) {
      const res = await m.api.post("/aus/add", body);
      expect(res.status, field).toBe(400);
      expect(Object.keys(res.body.data as object), JSON.stringify(res.body)).toContain(field);
      expect(JSON.stringify(res.body)).not.toContain(sent);
    }
    expect(await writesOf(m)).toEqual(before);
  });

  it("browses the summaries: paging, order and filters", async () => {
    const second = Number(dataOf(AddRequestResponseSchema, await m.api.post("/aus/add", { data: [{ card_id: vaultCard }] }), "add").request_id);
    const newestFirst = pageOf(SummaryResponseSchema, await m.api.get("/aus/request/summary"), "summaries");
    expect(newestFirst).toMatchObject({ totalRecords: 2, totalPages: 1, count: 10, page: 0, order_on: "request_date", order_by: "desc" });
    expect(newestFirst.data.map((s) => s.request_id)).toEqual([second, requestId]);
    const paged = pageOf(SummaryResponseSchema, await m.api.get("/aus/request/summary?count=1&page=1&order_on=request_id&order_by=asc"), "page 1");
    expect(paged.data.map((s) => s.request_id)).toEqual([second]);
    const filtered = pageOf(SummaryResponseSchema, await m.api.get("/aus/request/summary?filter=method,EQUALS,harvest_card_id"), "filtered");
    expect(filtered.totalRecords).toBe(0);
    for (const query of ["order_on=nope", "filter=nope,EQUALS,1", "order_by=up", "count=0"]) {
      expect((await m.api.get(`/aus/request/summary?${query}`)).status, query).toBe(400);
    }
  });

  it("answers 404 for an unknown request id and 400 for a malformed one", async () => {
    for (const path of ["/aus/request/summary/999999", "/aus/request/detail/999999", "/aus/999999", "/aus/request/summary/99999999999"]) {
      expect((await m.api.get(path)).status, path).toBe(path.endsWith("99999999999") ? 400 : 404);
    }
    expect((await m.api.get("/aus/request/summary/9999999999")).status).toBe(404);
    expect((await m.api.get("/aus/abc")).status).toBe(400);
  });
});

describe("POST /aus/request/cancel/{request_id}", () => {
  let m: TestMerchant;
  let other: TestMerchant;
  beforeAll(async () => {
    [m, other] = await Promise.all([newMerchant("AU cancel"), newMerchant("AU cancel other")]);
    await enrolMerchant(m);
  });

  it("cancels an INPROGRESS request (its files marked done); a second cancel is a 409 that changes nothing", async () => {
    const card = (await addCustomer(m, 1)).cards[0]!;
    const requestId = await createRequest(m, [card]);
    const answer = dataOf(CancelResponseSchema, await m.api.post(`/aus/request/cancel/${requestId}`), "cancel");
    expect(answer).toEqual({
      request_id: requestId,
      merchant_id: m.merchantId,
      status: "CANCELED",
      cnt_request: 1,
      cnt_response: 0,
      cnt_update: 0,
      request_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
    });
    expect(await getDb().accountUpdaterFile.count({ where: { requestId, doneAt: null } })).toBe(0);
    expect((await summaryOf(m, requestId)).status).toBe("CANCELED");
    const before = await writesOf(m);
    const again = await m.api.post(`/aus/request/cancel/${requestId}`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(8);
    expect(await writesOf(m)).toEqual(before);
  });

  it("cancels a QUEUED request; a COMPLETED one is a 409", async () => {
    const card = (await addCustomer(m, 1)).cards[0]!;
    const queued = await createRequest(m, [card]);
    await getDb().$transaction((tx) => tx.accountUpdaterRequest.update({ where: { id: queued }, data: { status: "QUEUED" } }));
    expect(dataOf(CancelResponseSchema, await m.api.post(`/aus/request/cancel/${queued}`), "cancel queued").status).toBe("CANCELED");
    const completed = await createRequest(m, ["0123456789abcdef0123456789abcdef"]);
    expect((await summaryOf(m, completed)).status).toBe("COMPLETED");
    expect((await m.api.post(`/aus/request/cancel/${completed}`)).status).toBe(409);
  });

  it("answers 404 for another merchant's request and an unknown one, leaving them as they were", async () => {
    const card = (await addCustomer(m, 1)).cards[0]!;
    const requestId = await createRequest(m, [card]);
    expect((await other.api.post(`/aus/request/cancel/${requestId}`)).status).toBe(404);
    expect((await other.api.get(`/aus/request/summary/${requestId}`)).status).toBe(404);
    expect((await other.api.get(`/aus/request/detail/${requestId}`)).status).toBe(404);
    expect((await other.api.get(`/aus/${requestId}`)).status).toBe(404);
    expect((await m.api.post("/aus/request/cancel/2147483647")).status).toBe(404);
    expect((await summaryOf(m, requestId)).status).toBe("INPROGRESS");
  });
});

describe("POST /aus/hold and /aus/release", () => {
  let m: TestMerchant;
  let other: TestMerchant;
  beforeAll(async () => {
    // Holds work whether or not the merchant is enrolled: neither is.
    [m, other] = await Promise.all([newMerchant("AU holds"), newMerchant("AU holds other")]);
  });

  it("holds every card of a customer, then releases the one card_id names when customer_id is given too", async () => {
    const customer = await addCustomer(m, 2);
    const [first, second] = customer.cards as [string, string];
    const held = messageOf(await m.api.post("/aus/hold", { customer_id: customer.customer_id }), "hold");
    expect(held).toBe("2 cards put on Account Updater hold");
    expect(await heldCards(customer.cards)).toEqual([first, second].sort());
    messageOf(await m.api.post("/aus/release", { card_id: first, customer_id: customer.customer_id }), "release");
    expect(await heldCards(customer.cards)).toEqual([second]);
    const history = await getDb().cardHistory.findMany({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.cardId, h.kind])).toEqual([
      ...[
        [first, "hold"],
        [second, "hold"],
      ].sort(),
      [first, "release"],
    ]);
  });

  it("holds by card_id alone, ignoring customer_id", async () => {
    const customer = await addCustomer(m, 2);
    const [first, second] = customer.cards as [string, string];
    messageOf(await m.api.post("/aus/hold", { card_id: second, customer_id: customer.customer_id }), "hold");
    expect(await heldCards([first, second])).toEqual([second]);
  });

  it("answers 404 for another merchant's card or customer, 400 without either id, and changes nothing", async () => {
    const theirs = await addCustomer(other, 1);
    const mine = await addCustomer(m, 1);
    const before = [await writesOf(m), await writesOf(other)];
    for (const path of ["/aus/hold", "/aus/release"]) {
      expect((await m.api.post(path, { card_id: theirs.cards[0] })).status, path).toBe(404);
      expect((await m.api.post(path, { customer_id: theirs.customer_id })).status, path).toBe(404);
      expect((await m.api.post(path, { customer_id: "NOSUCHCUSTOMER" })).status, path).toBe(404);
      // card_id wins: another merchant's card is a 404 even beside the caller's own customer.
      expect((await m.api.post(path, { card_id: theirs.cards[0], customer_id: mine.customer_id })).status, path).toBe(404);
      const neither = await m.api.post(path, {});
      expect(neither.status, path).toBe(400);
      expect(Object.keys(neither.body.data as object)).toEqual(["card_id"]);
      expect((await m.api.post(path, { card_id: "xyz" })).status, path).toBe(400);
      expect((await m.api.post(path, { card_id: mine.cards[0], merchant_id: other.merchantId })).status, path).toBe(403);
    }
    expect([await writesOf(m), await writesOf(other)]).toEqual(before);
  });
});
