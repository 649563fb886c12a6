// The outbox (lib/events): every change to the vault writes its webhook event
// in the transaction of the change, so an event exists exactly when its change
// committed, and an event's data never holds a full card number or a CVV.
// The worker does not run in these projects: events are read as rows.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { generateTestCardNumber } from "@/lib/cards/test-cards";
import type { ApiResponse } from "../support/api-client";
import { futureExpiry, json, masked, monthAsExpiry, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";
import { expectStatus } from "../support/security-suite";
import { openPage, submitForm } from "../support/hosted-form";

const VISA = "4111111111111111";
const CVV = "739";

/** Every full card number and CVV this file sends, for the leak check at the end. */
const sentNumbers = new Set<string>([VISA]);
const card = (number = uniqueVisa(), extra: Record<string, unknown> = {}) => {
  sentNumbers.add(number);
  return { card_number: number, exp_date: futureExpiry(), billing_zip: "94402", cvv2: CVV, ...extra };
};

type EventRow = {
  id: number;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  webhookId: number | null;
  fannedOutAt: Date | null;
  createdAt: Date;
};

/** The merchant's outbox, oldest first, with each payload parsed. */
async function eventsOf(m: TestMerchant): Promise<EventRow[]> {
  const rows = await getDb().event.findMany({ where: { merchantId: BigInt(m.merchantId) }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ ...r, data: JSON.parse(r.payload) as Record<string, unknown> }));
}

/** The events written since `before` (a previous eventsOf), as [type, data] pairs. */
async function newEvents(m: TestMerchant, before: EventRow[]): Promise<[string, Record<string, unknown>][]> {
  const last = before.at(-1)?.id ?? 0;
  return (await eventsOf(m)).filter((e) => e.id > last).map((e) => [e.type, e.data]);
}

/** The data of a card event, from the card as the API answered it. */
const cardData = (customerId: string, c: Record<string, any>) => ({
  customer_id: customerId,
  card_id: c.card_id,
  card_number: c.card_number,
  card_type: c.card_type,
  exp_date: c.exp_date,
});

async function addCustomer(m: TestMerchant, body: Record<string, unknown>) {
  const res = await m.api.post("/vault/customer", body);
  expectStatus(res, 200, "add customer");
  return res.body.data as Record<string, any>;
}

function expectFailed(res: ApiResponse, status: number) {
  expect(res.status, json(res.body)).toBe(status);
  expect(res.body.code).not.toBe(0);
}

// ---------------------------------------------------------------------------

describe("customer events", () => {
  it("POST /vault/customer writes vault_customer_created, for the new customer only", async () => {
    const m = await newMerchant("Events customer created");
    const id = uniqueCustomerId("Ev");
    const startedAt = Date.now();
    await addCustomer(m, { customer_id: id, customer_first_name: "Ada" });
    const events = await eventsOf(m);
    expect(events.map((e) => [e.type, e.data])).toEqual([["vault_customer_created", { customer_id: id }]]);
    const [event] = events;
    expect(event!.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(event!.webhookId).toBeNull();
    expect(event!.fannedOutAt).toBeNull();
    expect(event!.createdAt.getTime()).toBeGreaterThanOrEqual(startedAt - 2000);
    expect(event!.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
  });

  it("a customer added with billing_cards also writes one vault_card_created per card, masked", async () => {
    const m = await newMerchant("Events customer with cards");
    const id = uniqueCustomerId("Ev");
    const mc = generateTestCardNumber("51", 16);
    const data = await addCustomer(m, { customer_id: id, customer_first_name: "Ada", billing_cards: [card(VISA), card(mc)] });
    const [visaCard, mcCard] = [VISA, mc].map((n) => data.billing_cards.find((c: any) => c.card_number === masked(n)));
    expect(visaCard.card_number).toBe("411111xxxxxx1111");
    const events = await newEvents(m, []);
    expect(events[0]).toEqual(["vault_customer_created", { customer_id: id }]);
    expect(events.slice(1)).toHaveLength(2);
    expect(events.slice(1)).toEqual(
      expect.arrayContaining([
        ["vault_card_created", { customer_id: id, card_id: visaCard.card_id, card_number: "411111xxxxxx1111", card_type: "VS", exp_date: visaCard.exp_date }],
        ["vault_card_created", { customer_id: id, card_id: mcCard.card_id, card_number: masked(mc), card_type: "MC", exp_date: mcCard.exp_date }],
      ]),
    );
  });

  it("PUT /vault/customer/{id} writes vault_customer_updated", async () => {
    const m = await newMerchant("Events customer updated");
    const id = uniqueCustomerId("Ev");
    await addCustomer(m, { customer_id: id, customer_first_name: "Ada" });
    const before = await eventsOf(m);
    expectStatus(await m.api.put(`/vault/customer/${id}`, { customer_last_name: "Lovelace" }), 200, "update");
    expect(await newEvents(m, before)).toEqual([["vault_customer_updated", { customer_id: id }]]);
  });

  it("a customer update with billing_cards writes the deleted, updated and created card events beside vault_customer_updated", async () => {
    const m = await newMerchant("Events customer replace cards");
    const id = uniqueCustomerId("Ev");
    const data = await addCustomer(m, { customer_id: id, customer_first_name: "Ada", billing_cards: [card(), card()] });
    const [kept, dropped] = data.billing_cards as Record<string, any>[];
    const before = await eventsOf(m);
    const newExpiry = futureExpiry(4);
    const added = card();
    const res = await m.api.put(`/vault/customer/${id}`, { billing_cards: [{ card_id: kept!.card_id, exp_date: newExpiry }, added] });
    expectStatus(res, 200, "update with cards");
    const addedCard = res.body.data.billing_cards.find((c: any) => c.card_number === masked(added.card_number));
    const events = await newEvents(m, before);
    expect(events).toHaveLength(4);
    expect(events).toEqual(
      expect.arrayContaining([
        ["vault_card_deleted", cardData(id, dropped!)],
        ["vault_card_updated", { ...cardData(id, kept!), exp_date: newExpiry }],
        ["vault_card_created", cardData(id, addedCard)],
        ["vault_customer_updated", { customer_id: id }],
      ]),
    );
  });

  it("DELETE /vault/customer/{id} writes vault_card_deleted for each of its cards, then vault_customer_deleted", async () => {
    const m = await newMerchant("Events customer deleted");
    const id = uniqueCustomerId("Ev");
    const created = await addCustomer(m, { customer_id: id, customer_first_name: "Ada", billing_cards: [card()] });
    const [stored] = created.billing_cards;
    const before = await eventsOf(m);
    expectStatus(await m.api.delete(`/vault/customer/${id}`), 200, "delete");
    expect(await newEvents(m, before)).toEqual([
      [
        "vault_card_deleted",
        { customer_id: id, card_id: stored.card_id, card_number: stored.card_number, card_type: stored.card_type, exp_date: stored.exp_date },
      ],
      ["vault_customer_deleted", { customer_id: id }],
    ]);
  });
});

describe("card events", () => {
  it("POST .../billing writes vault_card_created", async () => {
    const m = await newMerchant("Events card created");
    const id = uniqueCustomerId("Ev");
    await addCustomer(m, { customer_id: id, customer_first_name: "Ada" });
    const before = await eventsOf(m);
    const res = await m.api.post(`/vault/customer/${id}/billing`, card(VISA));
    expectStatus(res, 200, "add card");
    const [added] = res.body.data.billing_cards;
    expect(await newEvents(m, before)).toEqual([
      ["vault_card_created", { customer_id: id, card_id: added.card_id, card_number: "411111xxxxxx1111", card_type: "VS", exp_date: added.exp_date }],
    ]);
  });

  it("PUT .../billing writes vault_card_updated with the new expiry", async () => {
    const m = await newMerchant("Events card updated");
    const id = uniqueCustomerId("Ev");
    const data = await addCustomer(m, { customer_id: id, customer_first_name: "Ada", billing_cards: [card()] });
    const [stored] = data.billing_cards;
    const before = await eventsOf(m);
    const newExpiry = futureExpiry(5);
    expectStatus(await m.api.put(`/vault/customer/${id}/billing`, { card_id: stored.card_id, exp_date: newExpiry, billing_city: "Paris" }), 200, "update card");
    expect(await newEvents(m, before)).toEqual([["vault_card_updated", { ...cardData(id, stored), exp_date: newExpiry }]]);
  });

  it("PUT .../billing/delete writes vault_card_deleted", async () => {
    const m = await newMerchant("Events card deleted");
    const id = uniqueCustomerId("Ev");
    const data = await addCustomer(m, { customer_id: id, customer_first_name: "Ada", billing_cards: [card(VISA), card()] });
    const visaCard = data.billing_cards.find((c: any) => c.card_number === "411111xxxxxx1111");
    const before = await eventsOf(m);
    expectStatus(await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: visaCard.card_id }), 200, "delete card");
    expect(await newEvents(m, before)).toEqual([["vault_card_deleted", cardData(id, visaCard)]]);
  });
});

describe("checkout events", () => {
  it("POST /checkout writes vault_customer_created for a new customer_id, and nothing for an existing one", async () => {
    const m = await newMerchant("Events checkout customer");
    const id = uniqueCustomerId("Ck");
    expectStatus(await m.api.post("/checkout", { customer_id: id, customer_first_name: "Grace", preferences: {} }), 200, "new customer link");
    expect(await newEvents(m, [])).toEqual([["vault_customer_created", { customer_id: id }]]);

    const before = await eventsOf(m);
    expectStatus(await m.api.post("/checkout", { customer_id: id, preferences: {} }), 200, "second link");
    expect(await newEvents(m, before)).toEqual([]);
  });

  it("a card stored through the hosted page writes checkout_vault_card_added; through an update link, checkout_vault_card_updated", async () => {
    const m = await newMerchant("Events hosted capture");
    const id = uniqueCustomerId("Ck");
    const link = await m.api.post("/checkout", { customer_id: id, customer_first_name: "Grace", preferences: { success_url: "https://shop.example/ok" } });
    expectStatus(link, 200, "link");
    const checkoutId = link.body.data.checkout_id as string;
    const path = `/checkout/${checkoutId}`;
    const number = uniqueVisa();
    sentNumbers.add(number);
    const mmyy = futureExpiry();
    const before = await eventsOf(m);
    const post = await submitForm(path, (await openPage(path)).html, {
      card_number: number,
      exp_date: `${mmyy.slice(0, 2)}/${mmyy.slice(2)}`,
      cvv2: CVV,
      billing_zip: "94402",
      cardholder_name: "Grace Hopper",
    });
    expect(post.status, post.html.slice(0, 300)).toBe(303);
    const customer = (await m.api.get(`/vault/customer/${id}`)).body.data;
    const [stored] = customer.billing_cards;
    expect(await newEvents(m, before)).toEqual([["checkout_vault_card_added", { checkout_id: checkoutId, ...cardData(id, stored) }]]);

    const update = await m.api.post("/checkout", { customer_id: id, card_id: stored.card_id, preferences: { success_url: "https://shop.example/ok" } });
    expectStatus(update, 200, "update link");
    const updatePath = `/checkout/${update.body.data.checkout_id}`;
    const replacement = uniqueVisa();
    sentNumbers.add(replacement);
    const laterExpiry = futureExpiry(4);
    const beforeUpdate = await eventsOf(m);
    const updated = await submitForm(updatePath, (await openPage(updatePath)).html, {
      card_number: replacement,
      exp_date: `${laterExpiry.slice(0, 2)}/${laterExpiry.slice(2)}`,
      cvv2: CVV,
      billing_zip: "94402",
      cardholder_name: "Grace Hopper",
    });
    expect(updated.status, updated.html.slice(0, 300)).toBe(303);
    const events = await newEvents(m, beforeUpdate);
    expect(events).toEqual([
      [
        "checkout_vault_card_updated",
        {
          checkout_id: update.body.data.checkout_id,
          customer_id: id,
          card_id: stored.card_id,
          card_number: masked(replacement),
          card_type: "VS",
          exp_date: laterExpiry,
        },
      ],
    ]);
  });
});

describe("a change that fails writes no event", () => {
  it.each<[string, (m: TestMerchant, id: string) => Promise<ApiResponse>, number]>([
    [
      "a duplicate customer_id (409), even with new cards",
      (m, id) => m.api.post("/vault/customer", { customer_id: id, customer_first_name: "Again", billing_cards: [card()] }),
      409,
    ],
    [
      "a customer with an invalid card number (400)",
      (m) => m.api.post("/vault/customer", { customer_id: uniqueCustomerId("F"), customer_first_name: "Bad", billing_cards: [card("4111111111111112")] }),
      400,
    ],
    [
      "a customer with the same card twice (409)",
      (m) => {
        const n = uniqueVisa();
        return m.api.post("/vault/customer", { customer_id: uniqueCustomerId("F"), customer_first_name: "Twice", billing_cards: [card(n), card(n)] });
      },
      409,
    ],
    ["a card with an invalid number (400)", (m, id) => m.api.post(`/vault/customer/${id}/billing`, card("4111111111111112")), 400],
    ["a card with an expired date (400)", (m, id) => m.api.post(`/vault/customer/${id}/billing`, card(uniqueVisa(), { exp_date: monthAsExpiry(-1) })), 400],
    ["a card the customer already has (409, refused inside the transaction)", (m, id) => m.api.post(`/vault/customer/${id}/billing`, card(VISA)), 409],
    ["a card for an unknown customer (404)", (m) => m.api.post(`/vault/customer/${uniqueCustomerId("U")}/billing`, card()), 404],
    [
      "a customer update naming another card_id (400, after the customer row changed)",
      (m, id) => m.api.put(`/vault/customer/${id}`, { customer_last_name: "Changed", billing_cards: [{ card_id: "0".repeat(32) }] }),
      400,
    ],
    [
      "a customer update adding a card it keeps (409)",
      async (m, id) => {
        const [kept] = (await m.api.get(`/vault/customer/${id}`)).body.data.billing_cards;
        return m.api.put(`/vault/customer/${id}`, { customer_last_name: "Changed", billing_cards: [{ card_id: kept.card_id }, card(VISA)] });
      },
      409,
    ],
    ["a card update with a card_number (400)", (m, id) => m.api.put(`/vault/customer/${id}/billing`, { card_id: "0".repeat(32), card_number: VISA }), 400],
    [
      "a card update of an unknown card (404)",
      (m, id) => m.api.put(`/vault/customer/${id}/billing`, { card_id: "0".repeat(32), exp_date: futureExpiry() }),
      404,
    ],
    ["deleting an unknown card (404)", (m, id) => m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: "0".repeat(32) }), 404],
    ["deleting an unknown customer (404)", (m) => m.api.delete(`/vault/customer/${uniqueCustomerId("U")}`), 404],
    ["a checkout link for a new customer without a name (400)", (m) => m.api.post("/checkout", { customer_id: uniqueCustomerId("F"), preferences: {} }), 400],
    [
      "a checkout link naming a card of nobody (404)",
      (m) => m.api.post("/checkout", { customer_id: uniqueCustomerId("F"), customer_first_name: "X", card_id: "0".repeat(32), preferences: {} }),
      404,
    ],
  ])("%s", async (_what, attempt, status) => {
    const m = await newMerchant("Events failure");
    const id = uniqueCustomerId("Ex");
    await addCustomer(m, { customer_id: id, customer_first_name: "Kept", customer_last_name: "Same", billing_cards: [card(VISA)] });
    const before = await eventsOf(m);
    const customerBefore = (await m.api.get(`/vault/customer/${id}`)).body.data;
    expectFailed(await attempt(m, id), status);
    expect(await newEvents(m, before)).toEqual([]);
    expect((await m.api.get(`/vault/customer/${id}`)).body.data).toEqual(customerBefore);
  });
});

describe("event data", () => {
  // Runs after the tests above (Vitest keeps a file's order), so their events are in the table too.
  it("never holds a full card number or a CVV, in any event in the table", async () => {
    // Make sure there is something to look at even when this test runs alone.
    const m = await newMerchant("Events leak");
    const id = uniqueCustomerId("Lk");
    const data = await addCustomer(m, { customer_id: id, customer_first_name: "Ada", billing_cards: [card(VISA), card()] });
    expectStatus(await m.api.put(`/vault/customer/${id}/billing`, { card_id: data.billing_cards[0].card_id, exp_date: futureExpiry(2) }), 200, "update");
    expectStatus(await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: data.billing_cards[1].card_id }), 200, "delete");

    const rows = await getDb().event.findMany({ select: { type: true, payload: true } });
    expect(rows.length).toBeGreaterThanOrEqual(5);
    // The vault's events, the payment gateway's transaction events, the subscription events and the Account Updater's (other files write
    // those to the same table).
    const allowed = new Set(["customer_id", "card_id", "card_number", "card_type", "exp_date", "checkout_id", "webhook_id", "label", "notification_url"]);
    for (const key of [
      "pg_id",
      "tran_type",
      "tran_status",
      "amt_tran",
      "tran_currency",
      "rcode",
      "rmsg",
      "auth_code",
      "merch_ref_num",
      "purchase_id",
      "pg_id_orig",
      "subscription_id",
      "plan_id",
      "plan_code",
      "status",
      "cycle",
      "cycle_date",
      "request_id",
      "method",
      "request_date",
      "response_date",
      "cnt_request",
      "cnt_response",
      "cnt_update",
      "cnt_rejected",
    ]) {
      allowed.add(key);
    }
    for (const row of rows) {
      for (const number of sentNumbers) expect(row.payload, `${row.type} holds a full card number`).not.toContain(number);
      const payload = JSON.parse(row.payload) as Record<string, unknown>;
      for (const [key, value] of Object.entries(payload)) {
        expect(allowed.has(key), `${row.type} carries ${key}`).toBe(true);
        expect(value, `${row.type}.${key}`).not.toBe(CVV);
      }
      if ("card_number" in payload) expect(payload.card_number).toMatch(/^\d{6}x+\d{4}$/);
    }
  });
});
