// The payment gateway API (/pg) on the sandbox connector, against the real
// server and database: charges on vault cards, customers' primary cards and
// keyed cards; the pinned test amounts and decline card; captures, voids and
// refunds with their state rules; the transactions they leave.
import { describe, expect, inject, it } from "vitest";
import type { z } from "zod";
import { getDb } from "@/lib/db/client";
import { advanceSandboxClock } from "@/lib/gateway/set-merchant-gateway";
import { PgResponseSchema, PgTransactionResponseSchema } from "@/lib/openapi/pg-operation";
import { TransactionDetailSchema, TransactionResponseSchema } from "@/lib/openapi/response-schemas";
import { futureExpiry, masked, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";

const DECLINE_CARD = "4000000000000341";

async function customerWithCard(m: TestMerchant, cardNumber = uniqueVisa()): Promise<{ customerId: string; cardId: string; cardNumber: string }> {
  const customerId = uniqueCustomerId("P");
  const added = await m.api.post("/vault/customer", {
    customer_id: customerId,
    customer_first_name: "Pay",
    billing_cards: [{ card_number: cardNumber, exp_date: futureExpiry(), billing_zip: "94402" }],
  });
  expectStatus(added, 200, "customer");
  return { customerId, cardId: added.body.data.billing_cards[0].card_id, cardNumber };
}

/** The answer, checked against the published PG shape of its status (strict: no field the reference's shape lacks). */
function pgShape(response: { status: number; body: unknown }): z.output<typeof PgTransactionResponseSchema> {
  if (response.status === 200) return PgTransactionResponseSchema.strict().parse(response.body);
  return PgResponseSchema.strict().parse(response.body) as z.output<typeof PgTransactionResponseSchema>;
}

async function transaction(m: TestMerchant, pgId: string) {
  const answer = await m.api.get(`/transaction/${pgId}`);
  expectStatus(answer, 200, "transaction");
  return TransactionDetailSchema.strict().parse(answer.body.data);
}

async function transactionCount(m: TestMerchant): Promise<number> {
  return getDb().transaction.count({ where: { merchantId: BigInt(m.merchantId) } });
}

/** Moves the merchant's sandbox clock past the next midnight: its batch closes. */
async function closeBatch(m: TestMerchant): Promise<void> {
  await advanceSandboxClock({ merchantId: BigInt(m.merchantId), actor: "test" }, 24);
}

describe("POST /pg/sale on a vault card", () => {
  it("approves, answers the reference's shape with our pg_id, and records the transaction, its audit row and its event", async () => {
    const m = await newMerchant("PG Sale");
    const { customerId, cardId, cardNumber } = await customerWithCard(m);
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 10.5, merch_ref_num: "order-1", echo_fields: "[1]" });
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);
    const body = pgShape(sale);
    expect(body).toMatchObject({ rcode: "000", card_id: cardId, echo_fields: "[1]" });
    expect(body.pg_id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.auth_code).toMatch(/^[A-Z0-9]{6}$/);
    expect(body.rmsg).toMatch(/Approved/);
    expect(body).not.toHaveProperty("amt_tran");

    const shown = await transaction(m, body.pg_id);
    expect(shown).toMatchObject({
      pg_id: body.pg_id,
      tran_type: "sale",
      tran_status: "C",
      amt_tran: 10.5,
      amt_refunded: 0,
      tran_currency: "840",
      card_id: cardId,
      customer_id: customerId,
      card_number: masked(cardNumber),
      merch_ref_num: "order-1",
      auth_code: body.auth_code,
      settle_date: null,
      connector: "sandbox",
      follow_ups: [],
    });
    const row = await getDb().transaction.findUniqueOrThrow({ where: { pgId: body.pg_id } });
    expect(row.amountMinor).toBe(1050n);
    expect(row.capturedMinor).toBe(1050n);
    const audit = await getDb().auditLog.count({ where: { merchantId: BigInt(m.merchantId), action: "transaction.sale", targetId: body.pg_id } });
    expect(audit).toBe(1);
    const events = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId), type: "transaction_approved" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ pg_id: body.pg_id, tran_type: "sale", amt_tran: 10.5, card_number: masked(cardNumber) });
  });

  it("charges a customer's primary card from customer_id alone", async () => {
    const m = await newMerchant("PG Primary");
    const { customerId, cardId } = await customerWithCard(m);
    const sale = await m.pg.post("/sale", { merchant_id: 0, customer_id: customerId, amt_tran: "25.00" });
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);
    expect(sale.body.card_id).toBe(cardId);
    expect((await transaction(m, sale.body.pg_id)).amt_tran).toBe(25);
  });

  it("charges a keyed card, and keeps only its masked number", async () => {
    const m = await newMerchant("PG Keyed");
    const number = uniqueVisa();
    const sale = await m.pg.post("/sale", {
      merchant_id: m.merchantId,
      card_number: number,
      exp_date: futureExpiry(),
      cvv2: "123",
      avs_zip: "94402",
      amt_tran: 3,
    });
    expect(sale.status, JSON.stringify(sale.body)).toBe(200);
    expect(pgShape(sale)).toMatchObject({ rcode: "000", auth_avs_result: "Z", auth_cvv2_result: "M" });
    expect(sale.body).not.toHaveProperty("card_id");
    const shown = await transaction(m, sale.body.pg_id);
    expect(shown.card_number).toBe(masked(number));
    expect(shown.card_id).toBeNull();
    const row = await getDb().transaction.findUniqueOrThrow({ where: { pgId: sale.body.pg_id } });
    expect(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(number);
  });
});

describe("the sandbox's test amounts and decline card", () => {
  it.each([
    ["0.05", "005"],
    ["1.06", "006"],
    ["2.07", "007"],
    ["3.41", "041"],
    ["4.43", "043"],
    ["5.51", "051"],
    ["6.59", "059"],
  ])("declines %s with rcode %s: 402, recorded as declined with its pg_id", async (amount, rcode) => {
    const m = await newMerchant("PG Decline");
    const { cardId } = await customerWithCard(m);
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: amount });
    expect(sale.status, JSON.stringify(sale.body)).toBe(402);
    expect(pgShape(sale)).toMatchObject({ rcode });
    expect(sale.body.rmsg).toMatch(/^Declined: /);
    const shown = await transaction(m, sale.body.pg_id);
    expect(shown).toMatchObject({ tran_status: "D", rcode, amt_tran: Number(amount) });
    const events = await getDb().event.count({ where: { merchantId: BigInt(m.merchantId), type: "transaction_declined" } });
    expect(events).toBe(1);
  });

  it("approves half of .10 with partial_auth (rounded down to the cent), and all of it without", async () => {
    const m = await newMerchant("PG Partial");
    const { cardId } = await customerWithCard(m);
    const partial = await m.pg.post("/auth", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 20.1, partial_auth: true });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(pgShape(partial)).toMatchObject({ rcode: "010", amt_tran: 10.05 });
    expect((await transaction(m, partial.body.pg_id)).amt_tran).toBe(10.05);
    const whole = await m.pg.post("/auth", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 20.1 });
    expect(pgShape(whole)).toMatchObject({ rcode: "000" });
    expect(whole.body).not.toHaveProperty("amt_tran");
  });

  it("stores and verifies 4000000000000341, and declines every sale and auth on it with 051", async () => {
    const m = await newMerchant("PG Decline Card");
    const { cardId } = await customerWithCard(m, DECLINE_CARD);
    const verify = await m.pg.post("/verify", { merchant_id: m.merchantId, card_id: cardId });
    expect(verify.status, JSON.stringify(verify.body)).toBe(200);
    expect(pgShape(verify)).toMatchObject({ rcode: "000", card_number: masked(DECLINE_CARD) });
    for (const path of ["/sale", "/auth"]) {
      const charge = await m.pg.post(path, { merchant_id: m.merchantId, card_id: cardId, amt_tran: 12 });
      expect(charge.status).toBe(402);
      expect(charge.body.rcode).toBe("051");
    }
  });
});

describe("captures, voids and refunds", () => {
  it("captures an auth up to the authorized amount, once; a void before settlement voids it and its capture", async () => {
    const m = await newMerchant("PG Capture");
    const { cardId } = await customerWithCard(m);
    const auth = await m.pg.post("/auth", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 50 });
    expect(auth.status).toBe(200);
    expect((await transaction(m, auth.body.pg_id)).tran_status).toBe("A");

    const over = await m.pg.post(`/capture/${auth.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 50.01 });
    expect(over.status, JSON.stringify(over.body)).toBe(409);
    expect(pgShape(over)).toMatchObject({ rcode: "403" });
    const capture = await m.pg.post(`/capture/${auth.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 40 });
    expect(capture.status, JSON.stringify(capture.body)).toBe(200);
    expect(pgShape(capture).pg_id).not.toBe(auth.body.pg_id);
    const again = await m.pg.post(`/capture/${auth.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 1 });
    expect(again.status).toBe(409);

    const detail = await transaction(m, auth.body.pg_id);
    expect(detail).toMatchObject({ tran_status: "C" });
    expect(detail.follow_ups).toMatchObject([{ pg_id: capture.body.pg_id, tran_type: "capture", tran_status: "C", amt_tran: 40, pg_id_orig: auth.body.pg_id }]);

    const voided = await m.pg.post(`/void/${auth.body.pg_id}`, { merchant_id: m.merchantId });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    const after = await transaction(m, auth.body.pg_id);
    expect(after.tran_status).toBe("V");
    expect(after.follow_ups.map((f) => [f.tran_type, f.tran_status])).toEqual([
      ["capture", "V"],
      ["void", "V"],
    ]);
    // Anything on a voided transaction is a 409.
    for (const [path, body] of [
      [`/capture/${auth.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 1 }],
      [`/refund/${auth.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 1 }],
      [`/void/${auth.body.pg_id}`, { merchant_id: m.merchantId }],
    ] as const) {
      const refused = await m.pg.post(path, body);
      expect(refused.status, path).toBe(409);
    }
    const events = await getDb().event.count({ where: { merchantId: BigInt(m.merchantId), type: "transaction_voided" } });
    expect(events).toBe(1);
  });

  it("refunds partially and fully up to what was captured, never above; a void after settlement is refused, a refund still allowed", async () => {
    const m = await newMerchant("PG Refund");
    const { cardId } = await customerWithCard(m);
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 30 });
    const pgId = sale.body.pg_id as string;
    const first = await m.pg.post(`/refund/${pgId}`, { merchant_id: m.merchantId, amt_tran: 10 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(pgShape(first).rcode).toBe("000");
    const above = await m.pg.post(`/refund/${pgId}`, { merchant_id: m.merchantId, amt_tran: 20.01 });
    expect(above.status).toBe(409);
    expect(above.body).toMatchObject({ rcode: "402" });
    expect(above.body.rmsg).toMatch(/at most 20/);

    await closeBatch(m);
    const settled = await transaction(m, pgId);
    expect(settled.tran_status).toBe("S");
    expect(settled.settle_date).not.toBeNull();
    const lateVoid = await m.pg.post(`/void/${pgId}`, { merchant_id: m.merchantId });
    expect(lateVoid.status).toBe(409);
    expect(lateVoid.body).toMatchObject({ rcode: "401" });
    expect(lateVoid.body.rmsg).toMatch(/settled/);

    const rest = await m.pg.post(`/refund/${pgId}`, { merchant_id: m.merchantId, amt_tran: 20 });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    const done = await transaction(m, pgId);
    expect(done.amt_refunded).toBe(30);
    expect(done.follow_ups.map((f) => [f.tran_type, f.amt_tran])).toEqual([
      ["refund", 10],
      ["refund", 20],
    ]);
    expect(await getDb().event.count({ where: { merchantId: BigInt(m.merchantId), type: "transaction_refunded" } })).toBe(2);
  });

  it("never refunds more than was captured, even when refunds race", async () => {
    const m = await newMerchant("PG Refund Race");
    const { cardId } = await customerWithCard(m);
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 10 });
    const refunds = await Promise.all(Array.from({ length: 6 }, () => m.pg.post(`/refund/${sale.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 4 })));
    const statuses = refunds.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 409, 409, 409, 409]);
    expect((await transaction(m, sale.body.pg_id)).amt_refunded).toBe(8);
  });

  it("refuses a refund of an auth not captured, and a capture of a sale", async () => {
    const m = await newMerchant("PG Wrong Type");
    const { cardId } = await customerWithCard(m);
    const auth = await m.pg.post("/auth", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 5 });
    const refund = await m.pg.post(`/refund/${auth.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 5 });
    expect(refund.status).toBe(409);
    const sale = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 5 });
    const capture = await m.pg.post(`/capture/${sale.body.pg_id}`, { merchant_id: m.merchantId, amt_tran: 5 });
    expect(capture.status).toBe(409);
  });

  it("answers 404 for another merchant's pg_id, on every follow-up and on GET", async () => {
    const a = await newMerchant("PG Owner");
    const b = await newMerchant("PG Other");
    const { cardId } = await customerWithCard(a);
    const sale = await a.pg.post("/sale", { merchant_id: a.merchantId, card_id: cardId, amt_tran: 9 });
    for (const path of [`/capture/${sale.body.pg_id}`, `/refund/${sale.body.pg_id}`, `/void/${sale.body.pg_id}`]) {
      const refused = await b.pg.post(path, { merchant_id: b.merchantId, amt_tran: 1 });
      expect(refused.status, path).toBe(404);
      expect(pgShape(refused)).toMatchObject({ rcode: "102" });
    }
    expect((await b.api.get(`/transaction/${sale.body.pg_id}`)).status).toBe(404);
    expect((await transaction(a, sale.body.pg_id)).tran_status).toBe("C");
  });
});

describe("bad input is a 400 in the PG envelope, naming the field, and stores nothing", () => {
  type Case = [string, (ids: { cardId: string; customerId: string; otherCardId: string; foreignCardId: string }) => Record<string, unknown>, string, string];
  const cases: Case[] = [
    ["a missing amount", ({ cardId }) => ({ card_id: cardId }), "amt_tran", "104"],
    ["an amount that is not a number", ({ cardId }) => ({ card_id: cardId, amt_tran: "ten" }), "amt_tran", "104"],
    ["more than two decimals", ({ cardId }) => ({ card_id: cardId, amt_tran: 10.555 }), "amt_tran", "104"],
    ["a negative amount", ({ cardId }) => ({ card_id: cardId, amt_tran: -5 }), "amt_tran", "104"],
    ["a zero amount on a sale", ({ cardId }) => ({ card_id: cardId, amt_tran: 0 }), "amt_tran", "104"],
    ["an unknown currency", ({ cardId }) => ({ card_id: cardId, amt_tran: 5, tran_currency: 999 }), "tran_currency", "104"],
    ["decimals in a currency without them", ({ cardId }) => ({ card_id: cardId, amt_tran: 100.5, tran_currency: 392 }), "amt_tran", "104"],
    [
      "both card_id and card_number",
      ({ cardId }) => ({ card_id: cardId, card_number: uniqueVisa(), exp_date: futureExpiry(), amt_tran: 5 }),
      "card_number",
      "108",
    ],
    ["no card at all", () => ({ amt_tran: 5 }), "card_number", "103"],
    ["another customer's card_id", ({ otherCardId, customerId }) => ({ card_id: otherCardId, customer_id: customerId, amt_tran: 5 }), "customer_id", "109"],
    ["another merchant's card_id", ({ foreignCardId }) => ({ card_id: foreignCardId, amt_tran: 5 }), "card_id", "109"],
    ["an expired keyed card", () => ({ card_number: uniqueVisa(), exp_date: "0120", amt_tran: 5 }), "exp_date", "107"],
    ["an expired exp_date sent with a card_id", ({ cardId }) => ({ card_id: cardId, exp_date: "0120", amt_tran: 5 }), "exp_date", "107"],
    ["an invalid card number", () => ({ card_number: "4111111111111112", exp_date: futureExpiry(), amt_tran: 5 }), "card_number", "108"],
    ["a CVV of the wrong length", ({ cardId }) => ({ card_id: cardId, cvv2: "12345", amt_tran: 5 }), "cvv2", "109"],
  ];

  it.each(cases)("%s", async (_what, body, field, rcode) => {
    const m = await newMerchant("PG Bad Input");
    const mine = await customerWithCard(m);
    const other = await customerWithCard(m);
    const foreign = await customerWithCard(await newMerchant("PG Foreign"));
    const refused = await m.pg.post("/sale", { merchant_id: m.merchantId, ...body({ ...mine, otherCardId: other.cardId, foreignCardId: foreign.cardId }) });
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(pgShape(refused)).toMatchObject({ rcode });
    expect(refused.body.rmsg).toContain(field);
    expect(await transactionCount(m)).toBe(0);
  });

  it("needs merchant_id in the body, and refuses another merchant's with 403", async () => {
    const m = await newMerchant("PG Merchant Id");
    const other = await newMerchant("PG Merchant Id Other");
    const { cardId } = await customerWithCard(m);
    const missing = await m.pg.post("/sale", { card_id: cardId, amt_tran: 5 });
    expect(missing.status).toBe(400);
    expect(missing.body.rmsg).toContain("merchant_id");
    const foreign = await m.pg.post("/sale", { merchant_id: other.merchantId, card_id: cardId, amt_tran: 5 });
    expect(foreign.status).toBe(403);
    expect(pgShape(foreign).rcode).toBe("101");
    expect(await transactionCount(m)).toBe(0);
  });

  it("answers 401 in the PG envelope without a key, and 404 for an unknown /pg path", async () => {
    const m = await newMerchant("PG Auth");
    const noKey = await fetch(new URL("/pg/sale", inject("baseUrl")), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ merchant_id: 0, amt_tran: 1 }),
    });
    expect(noKey.status).toBe(401);
    expect(PgResponseSchema.strict().parse(await noKey.json())).toMatchObject({ rcode: "101" });
    const unknown = await m.pg.post("/force", { merchant_id: 0 });
    expect(unknown.status).toBe(404);
    expect(pgShape(unknown).rcode).toBe("102");
  });

  it("accepts zero on verify only, and refuses an amount on it", async () => {
    const m = await newMerchant("PG Verify Amount");
    const { cardId } = await customerWithCard(m);
    expect((await m.pg.post("/verify", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 0 })).status).toBe(200);
    const paid = await m.pg.post("/verify", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 5 });
    expect(paid.status).toBe(400);
    expect(paid.body.rmsg).toContain("amt_tran");
  });
});

describe("duplicate_seconds and the Idempotency-Key", () => {
  it("refuses an identical sale inside the window with a 409, and allows one with another merch_ref_num", async () => {
    const m = await newMerchant("PG Duplicate");
    const { cardId } = await customerWithCard(m);
    const sale = { merchant_id: m.merchantId, card_id: cardId, amt_tran: 7, merch_ref_num: "inv-1", duplicate_seconds: 60 };
    expect((await m.pg.post("/sale", sale)).status).toBe(200);
    const twice = await m.pg.post("/sale", sale);
    expect(twice.status).toBe(409);
    expect(pgShape(twice).rcode).toBe("110");
    expect((await m.pg.post("/sale", { ...sale, merch_ref_num: "inv-2" })).status).toBe(200);
    expect(await transactionCount(m)).toBe(2);
  });

  it("replays a keyed sale instead of charging twice, even when the retries race", async () => {
    const m = await newMerchant("PG Idempotent");
    const { cardId } = await customerWithCard(m);
    const body = { merchant_id: m.merchantId, card_id: cardId, amt_tran: 11 };
    const answers = await Promise.all(Array.from({ length: 6 }, () => m.pg.post("/sale", body, { "idempotency-key": `sale-${cardId}` })));
    const charged = answers.filter((a) => a.status === 200);
    for (const a of answers) expect([200, 409]).toContain(a.status);
    expect(new Set(charged.map((a) => a.body.pg_id)).size).toBe(1);
    expect(await transactionCount(m)).toBe(1);
    const retry = await m.pg.post("/sale", body, { "idempotency-key": `sale-${cardId}` });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body.pg_id).toBe(charged[0]!.body.pg_id);
  });
});

describe("GET /platform/transaction", () => {
  it("browses the merchant's transactions newest first, filtered by status, type and time", async () => {
    const m = await newMerchant("PG Browse");
    const other = await newMerchant("PG Browse Other");
    const { cardId } = await customerWithCard(m);
    const otherCard = await customerWithCard(other);
    await other.pg.post("/sale", { merchant_id: other.merchantId, card_id: otherCard.cardId, amt_tran: 1 });
    const approved = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 1 });
    const declined = await m.pg.post("/sale", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 1.05 });
    const auth = await m.pg.post("/auth", { merchant_id: m.merchantId, card_id: cardId, amt_tran: 2 });

    const all = await m.api.get("/transaction");
    expectStatus(all, 200, "browse");
    expect(all.body.totalRecords).toBe(3);
    expect(all.body.data.map((t: { pg_id: string }) => t.pg_id)).toEqual([auth.body.pg_id, declined.body.pg_id, approved.body.pg_id]);
    for (const t of all.body.data) TransactionResponseSchema.strict().parse(t);

    const onlyDeclined = await m.api.get("/transaction?filter=tran_status,EQUALS,D");
    expect(onlyDeclined.body.data.map((t: { pg_id: string }) => t.pg_id)).toEqual([declined.body.pg_id]);
    const auths = await m.api.get("/transaction?filter=tran_type,EQUALS,auth");
    expect(auths.body.totalRecords).toBe(1);
    const future = await m.api.get(`/transaction?filter=tran_time,GREATER_THAN,${new Date(Date.now() + 60_000).toISOString()}`);
    expect(future.body.totalRecords).toBe(0);
    const badField = await m.api.get("/transaction?filter=card_number,EQUALS,4111");
    expect(badField.status).toBe(400);

    await closeBatch(m);
    const settled = await m.api.get("/transaction?filter=tran_status,EQUALS,S");
    expect(settled.body.data.map((t: { pg_id: string }) => t.pg_id)).toEqual([approved.body.pg_id]);
    const captured = await m.api.get("/transaction?filter=tran_status,EQUALS,C");
    expect(captured.body.totalRecords).toBe(0);
  });
});
