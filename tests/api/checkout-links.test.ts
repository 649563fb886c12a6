// POST /platform/checkout and GET /platform/checkout/{id}: vault checkout
// links, their customers, their preferences, and who may see them.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";

const HEX32 = /^[0-9a-f]{32}$/;

async function auditActions(merchantId: number, targetId: string): Promise<string[]> {
  const rows = await getDb().auditLog.findMany({ where: { merchantId: BigInt(merchantId), targetId }, orderBy: { id: "asc" } });
  return rows.map((r) => r.action);
}

describe("POST /platform/checkout", () => {
  it("creates a link and, with it, a new customer prefilled from the request", async () => {
    const m = await newMerchant("Checkout New Customer");
    const customerId = uniqueCustomerId("N");
    const before = Date.now();
    const r = await m.api.post("/checkout", {
      customer_id: customerId,
      customer_first_name: "Ada",
      customer_last_name: "Lovelace",
      customer_email: "ada@example.com",
      customer_phone: "+447999999999",
      preferences: { success_url: "https://shop.example/ok?order=7", failure_url: "http://localhost:4000/failed" },
    });
    expectStatus(r, 200, "create");
    const data = r.body.data;
    expect(data.checkout_id).toMatch(HEX32);
    expect(data.checkout_link).toBe(`http://localhost:3999/checkout/${data.checkout_id}`);
    expect(data.merchant_id).toBe(m.merchantId);
    expect(data.customer_id).toBe(customerId);
    expect(data.state).toBe("open");
    expect(data.failed_attempts).toBe(0);
    // Default lifetime: 900 s.
    const expiry = Date.parse(data.expiry_time);
    expect(expiry - before).toBeGreaterThanOrEqual(899_000);
    expect(expiry - Date.now()).toBeLessThanOrEqual(900_000);

    const customer = await m.api.get(`/vault/customer/${customerId}`);
    expectStatus(customer, 200, "customer");
    expect(customer.body.data).toMatchObject({
      customer_first_name: "Ada",
      customer_last_name: "Lovelace",
      customer_email: "ada@example.com",
      customer_phone: "+447999999999",
      billing_cards: [],
    });
    expect(await auditActions(m.merchantId, customerId)).toEqual(["customer.create"]);
    expect(await auditActions(m.merchantId, data.checkout_id)).toEqual(["checkout.create"]);
  });

  it("links an existing customer without changing it, and honours expire_in_secs", async () => {
    const m = await newMerchant("Checkout Existing Customer");
    const customerId = uniqueCustomerId("E");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Kept" }), 200, "customer");
    const r = await m.api.post("/checkout", {
      customer_id: customerId,
      customer_first_name: "Ignored",
      preferences: { expire_in_secs: 7_776_000 },
    });
    expectStatus(r, 200, "create");
    expect(Date.parse(r.body.data.expiry_time) - Date.now()).toBeGreaterThan(7_775_000_000);
    const customer = await m.api.get(`/vault/customer/${customerId}`);
    expect(customer.body.data.customer_first_name).toBe("Kept");
  });

  it("creates an update link for one of the customer's cards, and 404s another customer's card", async () => {
    const m = await newMerchant("Checkout Update Link");
    const customerId = uniqueCustomerId("U");
    const added = await m.api.post("/vault/customer", {
      customer_id: customerId,
      customer_first_name: "Card",
      billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" }],
    });
    const cardId = added.body.data.billing_cards[0].card_id as string;
    const r = await m.api.post("/checkout", { customer_id: customerId, card_id: cardId });
    expectStatus(r, 200, "update link");
    expect(r.body.data.card_id).toBe(cardId);

    const other = uniqueCustomerId("O");
    expectStatus(await m.api.post("/vault/customer", { customer_id: other, customer_first_name: "Other" }), 200, "other");
    const wrong = await m.api.post("/checkout", { customer_id: other, card_id: cardId });
    expect(wrong.status).toBe(404);
    // A card_id for a customer that does not exist yet cannot be theirs: nothing is created.
    const fresh = uniqueCustomerId("F");
    expect((await m.api.post("/checkout", { customer_id: fresh, customer_first_name: "F", card_id: cardId })).status).toBe(404);
    expect((await m.api.get(`/vault/customer/${fresh}`)).status).toBe(404);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["no customer_id", {}, "customer_id"],
    ["a customer_id with a dash", { customer_id: "a-b" }, "customer_id"],
    ["a new customer without a name", { customer_id: "NoName1" }, "customer_first_name"],
    ["a malformed card_id", { customer_id: "X1", customer_first_name: "X", card_id: "ABC" }, "card_id"],
    ["expire_in_secs under 900", { customer_id: "X1", customer_first_name: "X", preferences: { expire_in_secs: 899 } }, "preferences.expire_in_secs"],
    ["expire_in_secs over 90 days", { customer_id: "X1", customer_first_name: "X", preferences: { expire_in_secs: 7_776_001 } }, "preferences.expire_in_secs"],
    [
      "an http success_url off loopback",
      { customer_id: "X1", customer_first_name: "X", preferences: { success_url: "http://shop.example/ok" } },
      "preferences.success_url",
    ],
    [
      "a javascript: failure_url",
      { customer_id: "X1", customer_first_name: "X", preferences: { failure_url: "javascript:alert(1)" } },
      "preferences.failure_url",
    ],
    [
      "a success_url carrying card_id",
      { customer_id: "X1", customer_first_name: "X", preferences: { success_url: "https://shop.example/?card_id=1" } },
      "preferences.success_url",
    ],
    [
      "a success_url repeating a parameter",
      { customer_id: "X1", customer_first_name: "X", preferences: { success_url: "https://shop.example/?a=1&a=2" } },
      "preferences.success_url",
    ],
    [
      "a success_url over 128 characters",
      { customer_id: "X1", customer_first_name: "X", preferences: { success_url: `https://shop.example/${"a".repeat(120)}` } },
      "preferences.success_url",
    ],
  ];
  it.each(bad)("refuses %s with 400 naming %s, storing nothing", async (_name, body, field) => {
    const m = await newMerchant("Checkout Bad Input");
    const r = await m.api.post("/checkout", body);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.code).not.toBe(0);
    expect(Object.keys(r.body.data ?? {}), JSON.stringify(r.body)).toContain(field);
    expect(await getDb().checkout.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
    expect(await getDb().customer.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(0);
  });

  it("gives every parallel first link for one new customer_id its own link and one customer", async () => {
    const m = await newMerchant("Checkout Race");
    const customerId = uniqueCustomerId("R");
    const responses = await Promise.all(Array.from({ length: 8 }, () => m.api.post("/checkout", { customer_id: customerId, customer_first_name: "Race" })));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(responses.map((r) => r.body.data.checkout_id)).size).toBe(8);
    expect(await getDb().customer.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);
  });
});

describe("GET /platform/checkout/{checkoutId}", () => {
  it("shows the link as created, and only to its own merchant", async () => {
    const m = await newMerchant("Checkout Lookup");
    const created = await m.api.post("/checkout", {
      customer_id: uniqueCustomerId("L"),
      customer_first_name: "Look",
      preferences: { success_url: "https://shop.example/ok", failure_url: "https://shop.example/no" },
    });
    const id = created.body.data.checkout_id as string;
    const r = await m.api.get(`/checkout/${id}`);
    expectStatus(r, 200, "lookup");
    expect(r.body.data).toEqual(created.body.data);
    expect(r.body.data).toMatchObject({ success_url: "https://shop.example/ok", failure_url: "https://shop.example/no" });

    const other = await newMerchant("Checkout Lookup Other");
    expect((await other.api.get(`/checkout/${id}`)).status).toBe(404);
    expect((await m.api.get(`/checkout/${"0".repeat(32)}`)).status).toBe(404);
    expect((await m.api.get("/checkout/NOT-HEX")).status).toBe(400);
  });

  it("reports an open link past its expiry as expired", async () => {
    const m = await newMerchant("Checkout Expired");
    const created = await m.api.post("/checkout", { customer_id: uniqueCustomerId("X"), customer_first_name: "Late" });
    const id = created.body.data.checkout_id as string;
    await getDb().$transaction((tx) => tx.checkout.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    expect((await m.api.get(`/checkout/${id}`)).body.data.state).toBe("expired");
  });

  it("goes away with its customer", async () => {
    const m = await newMerchant("Checkout Cascade");
    const customerId = uniqueCustomerId("D");
    const created = await m.api.post("/checkout", { customer_id: customerId, customer_first_name: "Gone" });
    expectStatus(await m.api.delete(`/vault/customer/${customerId}`), 200, "delete customer");
    expect((await m.api.get(`/checkout/${created.body.data.checkout_id}`)).status).toBe(404);
  });
});
