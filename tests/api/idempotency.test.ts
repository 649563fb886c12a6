// Idempotency-Key on POST (docs/api-contract.md, "Idempotency-Key"): scoped
// to merchant + method + path; kept 24 hours; POST only; a retry while the
// first is still running: 409.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { futureExpiry, uniqueCustomerId, uniqueVisa, newMerchant, type TestMerchant } from "../support/fixtures";
import { customerBody, expectStatus } from "../support/security-suite";

const newKey = () => `idem-${randomBytes(12).toString("hex")}`;

async function totalCustomers(m: TestMerchant): Promise<number> {
  const browse = await m.api.get("/vault/customer?count=1");
  expectStatus(browse, 200, "browse");
  return browse.body.totalRecords;
}

async function cardIds(m: TestMerchant, customerId: string): Promise<string[]> {
  const list = await m.api.get(`/vault/customer/${customerId}/billing`);
  expectStatus(list, 200, "billing list");
  return list.body.data.billing_cards.map((c: { card_id: string }) => c.card_id);
}

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body, with idempotent-replayed: true, and stores nothing new", async () => {
    const m = await newMerchant("Idempotency Replay");
    const key = newKey();
    const body = customerBody();
    const first = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const second = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    expect(second.body.data.customer_id).toBe(body.customer_id);
    expect(second.body.data.billing_cards[0].card_id).toBe(first.body.data.billing_cards[0].card_id);

    const third = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(third.headers.get("idempotent-replayed")).toBe("true");
    expect(third.body).toEqual(first.body);

    expect(await totalCustomers(m)).toBe(1);
    expect(await cardIds(m, body.customer_id)).toEqual([first.body.data.billing_cards[0].card_id]);
    const audits = await getDb().auditLog.count({
      where: { merchantId: BigInt(m.merchantId), action: "customer.create", targetId: body.customer_id },
    });
    expect(audits).toBe(1);
  });

  it("replays a card add instead of answering the duplicate-card 409, and adds no second card", async () => {
    const m = await newMerchant("Idempotency Card");
    const customer = customerBody();
    expectStatus(await m.api.post("/vault/customer", customer), 200, "customer");
    const key = newKey();
    const card = { card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "12345" };
    const first = await m.api.post(`/vault/customer/${customer.customer_id}/billing`, card, { "idempotency-key": key });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await m.api.post(`/vault/customer/${customer.customer_id}/billing`, card, { "idempotency-key": key });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    const ids = await cardIds(m, customer.customer_id);
    expect(ids).toHaveLength(2);
    expect(ids).toEqual(first.body.data.billing_cards.map((c: { card_id: string }) => c.card_id));
    // Without the key, the same card is the documented duplicate: 409.
    const again = await m.api.post(`/vault/customer/${customer.customer_id}/billing`, card);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(8);
  });

  it("answers 409 code 9 for the same key with a different body, and stores nothing for it", async () => {
    const m = await newMerchant("Idempotency Conflict");
    const key = newKey();
    const first = customerBody();
    expectStatus(await m.api.post("/vault/customer", first, { "idempotency-key": key }), 200, "first");

    const different = customerBody();
    const conflict = await m.api.post("/vault/customer", different, { "idempotency-key": key });
    expect(conflict.status, JSON.stringify(conflict.body)).toBe(409);
    expect(conflict.body.code).toBe(9);
    expect(conflict.headers.get("idempotent-replayed")).toBeNull();
    expect((await m.api.get(`/vault/customer/${different.customer_id}`)).status).toBe(404);

    // Same content, different bytes (another field order) is a different body too.
    const reordered = Object.fromEntries(Object.entries(first).reverse());
    const reorderedAnswer = await m.api.post("/vault/customer", reordered, { "idempotency-key": key });
    expect([200, 409]).toContain(reorderedAnswer.status);
    if (reorderedAnswer.status === 409) expect(reorderedAnswer.body.code).toBe(9);
    expect(await totalCustomers(m)).toBe(1);
  });

  it("scopes the key per path: the same key on another path is a separate request", async () => {
    const m = await newMerchant("Idempotency Path");
    const key = newKey();
    const customer = customerBody();
    expectStatus(await m.api.post("/vault/customer", customer, { "idempotency-key": key }), 200, "customer");

    const card = { card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "12345" };
    const addCard = await m.api.post(`/vault/customer/${customer.customer_id}/billing`, card, { "idempotency-key": key });
    expect(addCard.status, JSON.stringify(addCard.body)).toBe(200);
    expect(addCard.headers.get("idempotent-replayed")).toBeNull();
    expect(addCard.body.data.billing_cards).toHaveLength(2);

    const address = { shipping_first_name: "Ship", shipping_last_name: "To" };
    const addAddress = await m.api.post(`/vault/customer/${customer.customer_id}/shipping`, address, { "idempotency-key": key });
    expect(addAddress.status, JSON.stringify(addAddress.body)).toBe(200);
    expect(addAddress.headers.get("idempotent-replayed")).toBeNull();
    expect(addAddress.body.data.shipping_addresses).toHaveLength(1);

    // Another customer's billing path is another path as well.
    const other = customerBody();
    expectStatus(await m.api.post("/vault/customer", other), 200, "other customer");
    const otherCard = await m.api.post(`/vault/customer/${other.customer_id}/billing`, card, { "idempotency-key": key });
    expect(otherCard.status, JSON.stringify(otherCard.body)).toBe(200);
    expect(otherCard.headers.get("idempotent-replayed")).toBeNull();
    expect(await cardIds(m, other.customer_id)).toHaveLength(2);
  });

  it("scopes the key per merchant: another merchant's identical request is processed, not replayed", async () => {
    const a = await newMerchant("Idempotency Merchant A");
    const b = await newMerchant("Idempotency Merchant B");
    const key = newKey();
    const body = customerBody();
    const fromA = await a.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(fromA.status, JSON.stringify(fromA.body)).toBe(200);
    const fromB = await b.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(fromB.status, JSON.stringify(fromB.body)).toBe(200);
    expect(fromB.headers.get("idempotent-replayed")).toBeNull();
    expect(fromB.body.data.node_id).toBe(b.merchantId);
    expect(fromB.body.data.billing_cards[0].card_id).not.toBe(fromA.body.data.billing_cards[0].card_id);
    expect(await totalCustomers(a)).toBe(1);
    expect(await totalCustomers(b)).toBe(1);

    // And B's different body under the same key conflicts only with B's own first use.
    const fromBAgain = await b.api.post("/vault/customer", customerBody(), { "idempotency-key": key });
    expect(fromBAgain.status).toBe(409);
    expect(fromBAgain.body.code).toBe(9);
  });

  it("creates exactly one customer when parallel requests share a key and body; the others replay or get 409 code 9", async () => {
    const m = await newMerchant("Idempotency Parallel");
    const key = newKey();
    const body = customerBody({
      billing_cards: [
        { card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" },
        { card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94403" },
      ],
    });
    const responses = await Promise.all(Array.from({ length: 12 }, () => m.api.post("/vault/customer", body, { "idempotency-key": key })));
    const statuses = responses.map((r) => r.status);
    for (const r of responses) {
      expect([200, 409], JSON.stringify(r.body)).toContain(r.status);
      if (r.status === 409) expect(r.body.code).toBe(9);
    }
    const originals = responses.filter((r) => r.status === 200 && r.headers.get("idempotent-replayed") === null);
    expect(originals, `statuses ${statuses.join(",")}`).toHaveLength(1);
    const original = originals[0]!;
    for (const r of responses.filter((r) => r.status === 200)) expect(r.body).toEqual(original.body);

    expect(await totalCustomers(m)).toBe(1);
    expect(await cardIds(m, body.customer_id)).toHaveLength(2);
    // Once the first has finished, a retry replays.
    const retry = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(original.body);
  });

  it.each([
    ["300 characters", "k".repeat(300)],
    ["256 characters", "k".repeat(256)],
    ["an empty value", ""],
    ["a space inside", "my key"],
    ["a tab inside", "my\tkey"],
  ])("answers 400 code 6 for a key of %s, and stores nothing", async (_what, value) => {
    const m = await newMerchant("Idempotency Invalid Key");
    const body = customerBody();
    const response = await m.api.post("/vault/customer", body, { "idempotency-key": value });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.code).toBe(6);
    expect(JSON.stringify(response.body.data ?? {})).toMatch(/idempotency/i);
    expect((await m.api.get(`/vault/customer/${body.customer_id}`)).status).toBe(404);
  });

  it("accepts a key of exactly 255 visible characters", async () => {
    const m = await newMerchant("Idempotency Long Key");
    const key = `${newKey()}${"~".repeat(255)}`.slice(0, 255);
    const body = customerBody();
    const first = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
  });

  it("replays a stored 409 (a duplicate customer_id) as the same 409, not as a fresh attempt", async () => {
    const m = await newMerchant("Idempotency Stored Error");
    const body = customerBody();
    expectStatus(await m.api.post("/vault/customer", body), 200, "first, no key");
    const key = newKey();
    const dup = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe(8);
    const dupAgain = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(dupAgain.status).toBe(409);
    expect(dupAgain.body).toEqual(dup.body);
    expect(await totalCustomers(m)).toBe(1);
  });

  it("ignores the header on PUT (POST only): two PUTs with one key and different bodies both apply", async () => {
    const m = await newMerchant("Idempotency PUT");
    const body = customerBody();
    expectStatus(await m.api.post("/vault/customer", body), 200, "customer");
    const key = newKey();
    const first = await m.api.put(`/vault/customer/${body.customer_id}`, { customer_last_name: "One" }, { "idempotency-key": key });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await m.api.put(`/vault/customer/${body.customer_id}`, { customer_last_name: "Two" }, { "idempotency-key": key });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(second.body.data.customer_last_name).toBe("Two");
    expect((await m.api.get(`/vault/customer/${body.customer_id}`)).body.data.customer_last_name).toBe("Two");
  });

  it("keeps the key for the request, not for the customer: a replay after the customer was deleted does not recreate it", async () => {
    const m = await newMerchant("Idempotency After Delete");
    const key = newKey();
    const body = customerBody({ customer_id: uniqueCustomerId("D") });
    expectStatus(await m.api.post("/vault/customer", body, { "idempotency-key": key }), 200, "first");
    expectStatus(await m.api.delete(`/vault/customer/${body.customer_id}`), 200, "delete");
    const replay = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await m.api.get(`/vault/customer/${body.customer_id}`)).status).toBe(404);
    expect(await totalCustomers(m)).toBe(0);
  });

  // Regression: the stored request hash was a plain SHA-256 of the body. With
  // the card's first six and last four in the stored answer, an unkeyed hash
  // of a body holding the number can be brute-forced; it must be keyed.
  it("stores no unkeyed hash of a body that carried a card number", async () => {
    const m = await newMerchant("Idempotency Keyed Hash");
    const key = newKey();
    const body = customerBody();
    const raw = JSON.stringify(body);
    const first = await m.api.post("/vault/customer", body, { "idempotency-key": key });
    expectStatus(first, 200, "first");
    const record = await getDb().idempotencyRecord.findFirst({ where: { merchantId: BigInt(m.merchantId), key } });
    expect(record).not.toBeNull();
    expect(record?.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record?.requestHash).not.toBe(createHash("sha256").update(raw, "utf8").digest("hex"));
  });
});
