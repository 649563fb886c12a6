// Many requests at once: every distinct write lands, conflicting writes get a
// clean 409 from the database's unique constraints (never a 500), and the
// one-primary-card rule holds under a race.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { futureExpiry, uniqueCustomerId, uniqueVisa, masked, newMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import type { ApiResponse } from "../support/api-client";

function describeStatuses(responses: ApiResponse[]): string {
  const counts = new Map<string, number>();
  for (const r of responses) {
    const key = `${r.status}/${r.body?.code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([k, n]) => `${k}×${n}`).join(", ");
}

describe("concurrent requests", () => {
  it("lands 60 parallel adds of distinct customers, each with a card", async () => {
    const m = await newMerchant("Concurrency Customers");
    const bodies = Array.from({ length: 60 }, (_, i) => ({
      customer_id: uniqueCustomerId(`P${i}`),
      customer_first_name: `Parallel${i}`,
      billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" }],
    }));
    const responses = await Promise.all(bodies.map((body) => m.api.post("/vault/customer", body)));
    expect(
      responses.every((r) => r.status === 200),
      describeStatuses(responses),
    ).toBe(true);
    for (const [i, r] of responses.entries()) {
      expect(r.body.data.customer_id).toBe(bodies[i]!.customer_id);
      expect(r.body.data.billing_cards).toHaveLength(1);
      expect(r.body.data.billing_cards[0].card_number).toBe(masked(bodies[i]!.billing_cards[0]!.card_number));
      expect(r.body.data.billing_cards[0].primary).toBe(true);
    }

    const browse = await m.api.get("/vault/customer?count=100");
    expectStatus(browse, 200, "browse");
    expect(browse.body.totalRecords).toBe(60);
    expect(browse.body.data.map((c: { customer_id: string }) => c.customer_id).sort()).toEqual(bodies.map((b) => b.customer_id).sort());
    expect(await getDb().card.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(60);
  });

  // Adding a customer writes straight on the driver; adding a card or
  // editing a customer runs a Prisma transaction. Both kinds of writer race
  // here (tests/api/direct-sql.test.ts shows the gate between them directly).
  it("lands customer adds, card adds and customer edits all racing each other", async () => {
    const m = await newMerchant("Concurrency Mixed Writers");
    const existing = Array.from({ length: 10 }, (_, i) => uniqueCustomerId(`E${i}`));
    for (const customer_id of existing) {
      expectStatus(await m.api.post("/vault/customer", { customer_id, customer_first_name: "Before" }), 200, "seed");
    }
    const newIds = Array.from({ length: 20 }, (_, i) => uniqueCustomerId(`N${i}`));
    const cardNumbers = existing.map(() => uniqueVisa());
    const responses = await Promise.all([
      ...newIds.map((customer_id) =>
        m.api.post("/vault/customer", {
          customer_id,
          customer_first_name: "New",
          billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" }],
        }),
      ),
      ...existing.map((id, i) => m.api.post(`/vault/customer/${id}/billing`, { card_number: cardNumbers[i], exp_date: futureExpiry(), billing_zip: "94402" })),
      ...existing.map((id) => m.api.put(`/vault/customer/${id}`, { customer_first_name: "After" })),
    ]);
    expect(
      responses.every((r) => r.status === 200),
      describeStatuses(responses),
    ).toBe(true);
    expect((await m.api.get("/vault/customer?count=100")).body.totalRecords).toBe(30);
    for (const [i, id] of existing.entries()) {
      const customer = await m.api.get(`/vault/customer/${id}`);
      expect(customer.body.data.customer_first_name).toBe("After");
      expect(customer.body.data.billing_cards.map((c: { card_number: string }) => c.card_number)).toEqual([masked(cardNumbers[i]!)]);
    }
  });

  it("gives exactly one 200 and 409 code 8 to the rest when 20 requests add the same customer_id", async () => {
    const m = await newMerchant("Concurrency Same Customer");
    const customerId = uniqueCustomerId("S");
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        m.api.post("/vault/customer", {
          customer_id: customerId,
          customer_first_name: `Racer${i}`,
          billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" }],
        }),
      ),
    );
    const summary = describeStatuses(responses);
    expect(
      responses.filter((r) => r.status === 200),
      summary,
    ).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 200)) {
      expect(r.status, summary).toBe(409);
      expect(r.body.code, summary).toBe(8);
    }
    const winner = responses.find((r) => r.status === 200)!;
    const stored = await m.api.get(`/vault/customer/${customerId}`);
    expect(stored.body.data.customer_first_name).toBe(winner.body.data.customer_first_name);
    // The losers' cards were rolled back with their customer.
    expect(stored.body.data.billing_cards).toHaveLength(1);
    expect(await getDb().card.count({ where: { merchantId: BigInt(m.merchantId) } })).toBe(1);
    expect((await m.api.get("/vault/customer")).body.totalRecords).toBe(1);
  });

  it("lands parallel adds of distinct cards to one customer, with exactly one primary card", async () => {
    const m = await newMerchant("Concurrency Cards");
    const customerId = uniqueCustomerId("K");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Cards" }), 200, "customer");
    const numbers = Array.from({ length: 15 }, () => uniqueVisa());
    const responses = await Promise.all(
      numbers.map((card_number) => m.api.post(`/vault/customer/${customerId}/billing`, { card_number, exp_date: futureExpiry(), billing_zip: "94402" })),
    );
    expect(
      responses.every((r) => r.status === 200),
      describeStatuses(responses),
    ).toBe(true);

    const list = await m.api.get(`/vault/customer/${customerId}/billing`);
    expectStatus(list, 200, "billing list");
    const cards: { card_number: string; primary: boolean }[] = list.body.data.billing_cards;
    expect(cards.map((c) => c.card_number).sort()).toEqual(numbers.map(masked).sort());
    expect(
      cards.filter((c) => c.primary),
      JSON.stringify(cards),
    ).toHaveLength(1);
    const customer = await m.api.get(`/vault/customer/${customerId}`);
    expect(customer.body.data.primary_card_number).toBe(cards.find((c) => c.primary)?.card_number);
  });

  it("keeps one primary card when parallel adds each ask for primary: true", async () => {
    const m = await newMerchant("Concurrency Primary");
    const customerId = uniqueCustomerId("Q");
    expectStatus(
      await m.api.post("/vault/customer", {
        customer_id: customerId,
        customer_first_name: "Primary",
        billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" }],
      }),
      200,
      "customer",
    );
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        m.api.post(`/vault/customer/${customerId}/billing`, {
          card_number: uniqueVisa(),
          exp_date: futureExpiry(),
          billing_zip: "94402",
          primary: true,
        }),
      ),
    );
    expect(
      responses.every((r) => r.status === 200),
      describeStatuses(responses),
    ).toBe(true);
    const cards: { primary: boolean }[] = (await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards;
    expect(cards).toHaveLength(11);
    expect(
      cards.filter((c) => c.primary),
      JSON.stringify(cards),
    ).toHaveLength(1);
  });

  it("gives one 200 and 409 to the rest when the same card number is added to one customer in parallel", async () => {
    const m = await newMerchant("Concurrency Same Card");
    const customerId = uniqueCustomerId("D");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Dup" }), 200, "customer");
    const number = uniqueVisa();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        m.api.post(`/vault/customer/${customerId}/billing`, { card_number: number, exp_date: futureExpiry(), billing_zip: "94402" }),
      ),
    );
    const summary = describeStatuses(responses);
    expect(
      responses.filter((r) => r.status === 200),
      summary,
    ).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 200)) {
      expect(r.status, summary).toBe(409);
      expect(r.body.code, summary).toBe(8);
    }
    const cards = (await m.api.get(`/vault/customer/${customerId}/billing`)).body.data.billing_cards;
    expect(cards).toHaveLength(1);
    expect(cards[0].card_number).toBe(masked(number));
    expect(cards[0].primary).toBe(true);
  });

  it("lets parallel shipping adds land with exactly one primary address", async () => {
    const m = await newMerchant("Concurrency Shipping");
    const customerId = uniqueCustomerId("H");
    expectStatus(await m.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Ship" }), 200, "customer");
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => m.api.post(`/vault/customer/${customerId}/shipping`, { shipping_first_name: `Ship${i}`, shipping_last_name: "To" })),
    );
    expect(
      responses.every((r) => r.status === 200),
      describeStatuses(responses),
    ).toBe(true);
    const addresses: { primary: boolean }[] = (await m.api.get(`/vault/customer/${customerId}/shipping`)).body.data.shipping_addresses;
    expect(addresses).toHaveLength(12);
    expect(
      addresses.filter((a) => a.primary),
      JSON.stringify(addresses),
    ).toHaveLength(1);
  });

  it("keeps one primary address when parallel shipping adds each ask for primary: true", async () => {
    const m = await newMerchant("Concurrency Shipping Primary");
    const customerId = uniqueCustomerId("J");
    expectStatus(
      await m.api.post("/vault/customer", {
        customer_id: customerId,
        customer_first_name: "Ship",
        shipping_addresses: [{ shipping_first_name: "First", shipping_last_name: "Address" }],
      }),
      200,
      "customer",
    );
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        m.api.post(`/vault/customer/${customerId}/shipping`, { shipping_first_name: `Ship${i}`, shipping_last_name: "To", primary: true }),
      ),
    );
    expect(
      responses.every((r) => r.status === 200),
      describeStatuses(responses),
    ).toBe(true);
    const addresses: { primary: boolean }[] = (await m.api.get(`/vault/customer/${customerId}/shipping`)).body.data.shipping_addresses;
    expect(addresses).toHaveLength(11);
    expect(
      addresses.filter((a) => a.primary),
      JSON.stringify(addresses),
    ).toHaveLength(1);
  });
});
