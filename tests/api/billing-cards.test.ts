// Functional tests of a customer's billing cards:
// /platform/vault/customer/{customer_id}/billing (+ /delete, /primary).
import { beforeAll, describe, expect, it } from "vitest";
import { futureExpiry, newMerchant, uniqueCustomerId, type TestMerchant, masked, json, monthAsExpiry } from "../support/fixtures";
import { generateTestCardNumber } from "@/lib/cards/test-cards";

// ---- tiny helpers (local to this file) ----

const visa = () => generateTestCardNumber("4", 16);
const amex = () => generateTestCardNumber("37", 15);
const card = (number = visa(), extra: Record<string, unknown> = {}) => ({
  card_number: number,
  exp_date: futureExpiry(),
  billing_zip: "94402",
  ...extra,
});

/** A copy of a valid number with its check digit broken. */
function breakLuhn(n: string): string {
  const last = Number(n.at(-1));
  return n.slice(0, -1) + String((last + 1) % 10);
}

function allKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allKeys(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}

const CARD_KEYS = new Set([
  "card_id",
  "card_number",
  "card_type",
  "exp_date",
  "billing_first_name",
  "billing_last_name",
  "billing_firm_name",
  "billing_email",
  "billing_addr1",
  "billing_addr2",
  "billing_city",
  "billing_state",
  "billing_zip",
  "billing_zip4",
  "billing_country",
  "billing_country_code",
  "primary",
]);

async function newCustomer(m: TestMerchant, extra: Record<string, unknown> = {}) {
  const id = uniqueCustomerId();
  const res = await m.api.post("/vault/customer", { customer_id: id, customer_first_name: "Card", customer_last_name: "Holder", ...extra });
  expect(res.status, json(res.body)).toBe(200);
  return { id, data: res.body.data };
}

async function addCard(m: TestMerchant, customerId: string, body: Record<string, unknown>) {
  const res = await m.api.post(`/vault/customer/${customerId}/billing`, body);
  expect(res.status, json(res.body)).toBe(200);
  expect(res.body.code).toBe(0);
  return res.body.data;
}

async function listCards(m: TestMerchant, customerId: string): Promise<any[]> {
  const res = await m.api.get(`/vault/customer/${customerId}/billing`);
  expect(res.status, json(res.body)).toBe(200);
  return res.body.data.billing_cards;
}

function expect400(res: { status: number; body: any }, field: string) {
  expect(res.status, json(res.body)).toBe(400);
  expect(res.body.code).toBe(6);
  expect(Object.keys(res.body.data ?? {}), json(res.body)).toContain(field);
}

const byNumber = (cards: any[], n: string) => cards.find((c) => c.card_number === masked(n));
const primaryIds = (cards: any[]) => cards.filter((c) => c.primary).map((c) => c.card_id);

// ---------------------------------------------------------------------------

describe("POST /vault/customer/{id}/billing (add a card)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Billing add");
  });

  it("answers the whole customer with the new card masked, typed and primary", async () => {
    const { id } = await newCustomer(m);
    const n = generateTestCardNumber("411111", 16);
    const exp = futureExpiry();
    const res = await m.api.post(`/vault/customer/${id}/billing`, {
      card_number: n,
      exp_date: exp,
      cvv2: "987",
      billing_zip: "94402",
      billing_zip4: "1234",
      billing_first_name: "Ada",
      billing_last_name: "Lee",
      billing_firm_name: "Lee Co",
      billing_email: ["ada@example.com"],
      billing_addr1: "1 Main St",
      billing_addr2: "Suite 2",
      billing_city: "San Mateo",
      billing_state: "CA",
      billing_country: "United States",
      billing_country_code: "840",
    });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body).toMatchObject({ code: 0, message: "Success" });
    const data = res.body.data;
    expect(data).toMatchObject({ customer_id: id, node_id: m.merchantId, customer_first_name: "Card", shipping_addresses: [] });
    expect(data.billing_cards).toHaveLength(1);
    const c = data.billing_cards[0];
    expect(c).toEqual({
      card_id: c.card_id,
      card_number: `${n.slice(0, 6)}xxxxxx${n.slice(12)}`,
      card_type: "VS",
      exp_date: exp,
      billing_zip: "94402",
      billing_zip4: "1234",
      billing_first_name: "Ada",
      billing_last_name: "Lee",
      billing_firm_name: "Lee Co",
      billing_email: ["ada@example.com"],
      billing_addr1: "1 Main St",
      billing_addr2: "Suite 2",
      billing_city: "San Mateo",
      billing_state: "CA",
      billing_country: "United States",
      billing_country_code: "840",
      primary: true,
    });
    expect(c.card_number.startsWith("411111xxxxxx")).toBe(true);
    expect(c.card_id).toMatch(/^[0-9a-f]{32}$/);
    expect(data.primary_card_number).toBe(c.card_number);
    // Neither the full number nor the CVV ever comes back.
    const text = json(res.body);
    expect(text).not.toContain(n);
    expect(text).not.toContain(n.slice(6, 12));
    expect(allKeys(res.body).has("cvv2")).toBe(false);
    const list = await m.api.get(`/vault/customer/${id}/billing`);
    expect(json(list.body)).not.toContain(n);
    expect(allKeys(list.body).has("cvv2")).toBe(false);
    expect(list.body.data.billing_cards).toEqual([c]);
  });

  it("masks a 15-digit Amex as first six + 5 x + last four", async () => {
    const { id } = await newCustomer(m);
    const n = generateTestCardNumber("378282", 15);
    const data = await addCard(m, id, card(n, { cvv2: "1234" }));
    const c = data.billing_cards[0];
    expect(c.card_number).toBe(`${n.slice(0, 6)}xxxxx${n.slice(11)}`);
    expect(c.card_number).toMatch(/^378282x{5}\d{4}$/);
    expect(c.card_type).toBe("AM");
    expect(json(data)).not.toContain(n);
  });

  it.each([
    { brand: "Visa 16", prefix: "4", length: 16, type: "VS" },
    { brand: "Visa 13", prefix: "4", length: 13, type: "VS" },
    { brand: "Mastercard 51", prefix: "51", length: 16, type: "MC" },
    { brand: "Mastercard 55", prefix: "55", length: 16, type: "MC" },
    { brand: "Mastercard 2-series", prefix: "2223", length: 16, type: "MC" },
    { brand: "Amex 34", prefix: "34", length: 15, type: "AM" },
    { brand: "Amex 37", prefix: "37", length: 15, type: "AM" },
    { brand: "Discover 6011", prefix: "6011", length: 16, type: "DS" },
    { brand: "Discover 65", prefix: "65", length: 16, type: "DS" },
    { brand: "Diners 36 (14 digits)", prefix: "36", length: 14, type: "DS" },
    { brand: "JCB 3530", prefix: "3530", length: 16, type: "JC" },
    { brand: "JCB 3566", prefix: "3566", length: 16, type: "JC" },
  ])("detects $brand as $type and masks it", async ({ prefix, length, type }) => {
    const { id } = await newCustomer(m);
    const n = generateTestCardNumber(prefix, length);
    const data = await addCard(m, id, card(n));
    const c = data.billing_cards[0];
    expect(c.card_type).toBe(type);
    expect(c.card_number).toBe(masked(n));
    expect(c.card_number).toHaveLength(length);
    expect(c.card_id).toMatch(/^[0-9a-f]{32}$/);
    expect(c.primary).toBe(true);
    expect(json(data)).not.toContain(n);
    for (const key of Object.keys(c)) expect(CARD_KEYS.has(key), key).toBe(true);
  });

  it("accepts a number typed with spaces or hyphens and stores its digits", async () => {
    const { id } = await newCustomer(m);
    const n = visa();
    const spaced = `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8, 12)} ${n.slice(12)}`;
    const data = await addCard(m, id, card(spaced));
    expect(data.billing_cards[0].card_number).toBe(masked(n));
    const again = await m.api.post(`/vault/customer/${id}/billing`, card(n.replace(/(\d{4})(?=\d)/g, "$1-")));
    expect(again.status, json(again.body)).toBe(409); // the same card, however it is typed
  });

  it("accepts a card expiring this month", async () => {
    const { id } = await newCustomer(m);
    const data = await addCard(m, id, card(visa(), { exp_date: monthAsExpiry(0) }));
    expect(data.billing_cards[0].exp_date).toBe(monthAsExpiry(0));
  });

  it("keeps the first card primary and adds later ones as not primary, oldest first", async () => {
    const { id } = await newCustomer(m);
    const [n1, n2, n3] = [visa(), visa(), visa()];
    await addCard(m, id, card(n1));
    await addCard(m, id, card(n2));
    const data = await addCard(m, id, card(n3));
    expect(data.billing_cards.map((c: any) => c.card_number)).toEqual([masked(n1), masked(n2), masked(n3)]);
    expect(data.billing_cards.map((c: any) => c.primary)).toEqual([true, false, false]);
    expect(data.primary_card_number).toBe(masked(n1));
    const ids = data.billing_cards.map((c: any) => c.card_id);
    expect(new Set(ids).size).toBe(3);
  });

  it("makes a new card primary when it is sent with primary: true", async () => {
    const { id } = await newCustomer(m);
    const [n1, n2] = [visa(), visa()];
    await addCard(m, id, card(n1));
    const data = await addCard(m, id, card(n2, { primary: true }));
    expect(byNumber(data.billing_cards, n1).primary).toBe(false);
    expect(byNumber(data.billing_cards, n2).primary).toBe(true);
    expect(data.primary_card_number).toBe(masked(n2));
  });

  it("refuses the same number twice on one customer with 409 (code 8), storing nothing", async () => {
    const { id } = await newCustomer(m);
    const n = visa();
    const first = await addCard(m, id, card(n));
    const res = await m.api.post(`/vault/customer/${id}/billing`, card(n, { exp_date: futureExpiry(4), billing_zip: "10001" }));
    expect(res.status, json(res.body)).toBe(409);
    expect(res.body.code).toBe(8);
    expect(json(res.body)).not.toContain(n);
    expect(await listCards(m, id)).toEqual(first.billing_cards);
  });

  it("allows the same number on two customers of one merchant, and at two merchants", async () => {
    const n = visa();
    const a = await newCustomer(m);
    const b = await newCustomer(m);
    const cardA = (await addCard(m, a.id, card(n))).billing_cards[0];
    const cardB = (await addCard(m, b.id, card(n))).billing_cards[0];
    expect(cardA.card_number).toBe(masked(n));
    expect(cardB.card_number).toBe(masked(n));
    expect(cardA.card_id).not.toBe(cardB.card_id);

    const other = await newMerchant("Billing add other");
    const c = await newCustomer(other);
    const cardC = (await addCard(other, c.id, card(n))).billing_cards[0];
    expect([cardA.card_id, cardB.card_id]).not.toContain(cardC.card_id);
  });

  it("answers 404 (code 7) for an unknown customer and for another merchant's customer", async () => {
    const unknown = await m.api.post(`/vault/customer/${uniqueCustomerId()}/billing`, card());
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(7);
    const other = await newMerchant("Billing add foreign");
    const theirs = await newCustomer(other);
    const res = await m.api.post(`/vault/customer/${theirs.id}/billing`, card());
    expect(res.status).toBe(404);
    expect(await listCards(other, theirs.id)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

describe("POST /vault/customer/{id}/billing validation (400 names the field, stores nothing)", () => {
  let m: TestMerchant;
  let customerId: string;
  let existing: any[];
  beforeAll(async () => {
    m = await newMerchant("Billing validation");
    customerId = (await newCustomer(m)).id;
    existing = (await addCard(m, customerId, card())).billing_cards;
  });

  const cases: { name: string; body: () => Record<string, unknown>; field: string }[] = [
    { name: "Luhn failure", body: () => card(breakLuhn(visa())), field: "card_number" },
    { name: "12 digits", body: () => card(generateTestCardNumber("4", 12)), field: "card_number" },
    { name: "17 digits", body: () => card(generateTestCardNumber("4", 17)), field: "card_number" },
    { name: "19-digit Visa (longer than the API's 16)", body: () => card(generateTestCardNumber("4", 19)), field: "card_number" },
    { name: "16-digit Amex (wrong length for the brand)", body: () => card(generateTestCardNumber("37", 16)), field: "card_number" },
    { name: "letters in the number", body: () => card(`4111abcd${visa().slice(8)}`), field: "card_number" },
    { name: "an unsupported brand (prefix 9)", body: () => card(generateTestCardNumber("9", 16)), field: "card_number" },
    { name: "card_number missing", body: () => ({ exp_date: futureExpiry(), billing_zip: "94402" }), field: "card_number" },
    { name: "card_number empty", body: () => card(""), field: "card_number" },
    { name: "card_number as a number", body: () => card(Number(visa()) as unknown as string), field: "card_number" },
    { name: "expired exp_date (last month)", body: () => card(visa(), { exp_date: monthAsExpiry(-1) }), field: "exp_date" },
    { name: "exp_date month 13", body: () => card(visa(), { exp_date: "1399" }), field: "exp_date" },
    { name: "exp_date month 00", body: () => card(visa(), { exp_date: "0099" }), field: "exp_date" },
    { name: "exp_date MM/YY", body: () => card(visa(), { exp_date: "12/99" }), field: "exp_date" },
    { name: "exp_date missing", body: () => ({ card_number: visa(), billing_zip: "94402" }), field: "exp_date" },
    { name: "cvv2 of 4 digits for Visa", body: () => card(visa(), { cvv2: "1234" }), field: "cvv2" },
    { name: "cvv2 of 3 digits for Amex", body: () => card(amex(), { cvv2: "123" }), field: "cvv2" },
    { name: "cvv2 of 2 digits", body: () => card(visa(), { cvv2: "12" }), field: "cvv2" },
    { name: "cvv2 with letters", body: () => card(visa(), { cvv2: "12a" }), field: "cvv2" },
    { name: "billing_zip missing", body: () => ({ card_number: visa(), exp_date: futureExpiry() }), field: "billing_zip" },
    { name: "billing_zip empty", body: () => card(visa(), { billing_zip: "" }), field: "billing_zip" },
    { name: "billing_zip of 11 characters", body: () => card(visa(), { billing_zip: "12345678901" }), field: "billing_zip" },
    { name: "billing_state of 4 characters", body: () => card(visa(), { billing_state: "CALI" }), field: "billing_state" },
    { name: "billing_zip4 of 5 digits", body: () => card(visa(), { billing_zip4: "12345" }), field: "billing_zip4" },
    { name: "billing_first_name of 33 characters", body: () => card(visa(), { billing_first_name: "A".repeat(33) }), field: "billing_first_name" },
    { name: "billing_country_code of 2 characters", body: () => card(visa(), { billing_country_code: "US" }), field: "billing_country_code" },
    { name: "primary as a string", body: () => card(visa(), { primary: "yes" }), field: "primary" },
  ];

  it.each(cases)("$name → 400 naming $field", async ({ body, field }) => {
    const sent = body();
    const res = await m.api.post(`/vault/customer/${customerId}/billing`, sent);
    expect400(res, field);
    // The error never echoes a full card number back.
    if (typeof sent.card_number === "string" && sent.card_number.length >= 12) {
      expect(json(res.body)).not.toContain(sent.card_number);
    }
    expect(await listCards(m, customerId)).toEqual(existing);
  });

  it.each(cases)("$name inside POST /vault/customer → 400 naming billing_cards[0].$field, no customer", async ({ body, field }) => {
    const id = uniqueCustomerId();
    const res = await m.api.post("/vault/customer", { customer_id: id, customer_first_name: "X", billing_cards: [body()] });
    expect400(res, `billing_cards[0].${field}`);
    expect((await m.api.get(`/vault/customer/${id}`)).status).toBe(404);
  });

  it("accepts the boundaries: 10-character zip, 3-character state, 32-character name", async () => {
    const { id } = await newCustomer(m);
    const data = await addCard(m, id, card(visa(), { billing_zip: "12345-6789", billing_state: "NSW", billing_first_name: "A".repeat(32) }));
    expect(data.billing_cards[0]).toMatchObject({ billing_zip: "12345-6789", billing_state: "NSW", billing_first_name: "A".repeat(32) });
  });
});

// ---------------------------------------------------------------------------

describe("GET /vault/customer/{id}/billing (list)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Billing list");
  });

  it("answers {data: {billing_cards: [...]}}, empty for a customer without cards", async () => {
    const { id } = await newCustomer(m);
    const empty = await m.api.get(`/vault/customer/${id}/billing`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ code: 0, message: "Success", data: { billing_cards: [] } });

    const n1 = visa();
    const n2 = generateTestCardNumber("5555", 16);
    await addCard(m, id, card(n1));
    const last = await addCard(m, id, card(n2));
    const res = await m.api.get(`/vault/customer/${id}/billing`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data)).toEqual(["billing_cards"]);
    expect(res.body.data.billing_cards).toEqual(last.billing_cards);
    expect(res.body.data.billing_cards.map((c: any) => c.card_number)).toEqual([masked(n1), masked(n2)]);
    expect(json(res.body)).not.toContain(n1);
    expect(json(res.body)).not.toContain(n2);
  });

  it("answers 404 for an unknown customer", async () => {
    const res = await m.api.get(`/vault/customer/${uniqueCustomerId()}/billing`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(7);
  });
});

// ---------------------------------------------------------------------------

describe("PUT /vault/customer/{id}/billing (update a card)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Billing update");
  });

  async function customerWithCard(extra: Record<string, unknown> = {}) {
    const { id } = await newCustomer(m);
    const n = visa();
    const data = await addCard(
      m,
      id,
      card(n, {
        billing_first_name: "Ada",
        billing_last_name: "Lee",
        billing_addr1: "1 Main St",
        billing_addr2: "Suite 2",
        billing_city: "Paris",
        billing_state: "CA",
        ...extra,
      }),
    );
    return { id, n, c: data.billing_cards[0] };
  }

  it("is partial: omitted fields stay, sent ones change, null clears", async () => {
    const { id, c } = await customerWithCard();
    const res = await m.api.put(`/vault/customer/${id}/billing`, { card_id: c.card_id, billing_city: "Lyon", billing_addr2: null });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    const expected = { ...c, billing_city: "Lyon" };
    delete expected.billing_addr2;
    expect(res.body.data.billing_cards).toEqual([expected]);
    expect(res.body.data.customer_id).toBe(id);
    expect(await listCards(m, id)).toEqual([expected]);
  });

  it("changes exp_date and billing_zip, keeping number, card_id and type", async () => {
    const { id, c, n } = await customerWithCard();
    const exp = futureExpiry(6);
    const res = await m.api.put(`/vault/customer/${id}/billing`, { card_id: c.card_id, exp_date: exp, billing_zip: "10001" });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.billing_cards).toEqual([{ ...c, exp_date: exp, billing_zip: "10001" }]);
    expect(res.body.data.billing_cards[0].card_number).toBe(masked(n));
  });

  it("switches the primary card with primary: true", async () => {
    const { id, c } = await customerWithCard();
    const second = (await addCard(m, id, card())).billing_cards[1];
    expect(second.primary).toBe(false);
    const res = await m.api.put(`/vault/customer/${id}/billing`, { card_id: second.card_id, primary: true });
    expect(res.status, json(res.body)).toBe(200);
    expect(primaryIds(res.body.data.billing_cards)).toEqual([second.card_id]);
    expect(res.body.data.primary_card_number).toBe(second.card_number);
    expect(primaryIds(await listCards(m, id))).toEqual([second.card_id]);
    expect(c.primary).toBe(true);
  });

  it.each([
    { name: "a card_number", body: (cardId: string) => ({ card_id: cardId, card_number: visa() }), field: "card_number" },
    { name: "a null card_number", body: (cardId: string) => ({ card_id: cardId, card_number: null }), field: "card_number" },
    { name: "no card_id", body: () => ({ billing_city: "Nowhere" }), field: "card_id" },
    { name: "a malformed card_id", body: () => ({ card_id: "ABC", billing_city: "Nowhere" }), field: "card_id" },
    { name: "an expired exp_date", body: (cardId: string) => ({ card_id: cardId, exp_date: monthAsExpiry(-1) }), field: "exp_date" },
    { name: "exp_date month 13", body: (cardId: string) => ({ card_id: cardId, exp_date: "1399" }), field: "exp_date" },
    { name: "an empty billing_zip", body: (cardId: string) => ({ card_id: cardId, billing_zip: "" }), field: "billing_zip" },
    { name: "billing_zip of 11 characters", body: (cardId: string) => ({ card_id: cardId, billing_zip: "12345678901" }), field: "billing_zip" },
    { name: "billing_state of 4 characters", body: (cardId: string) => ({ card_id: cardId, billing_state: "CALI" }), field: "billing_state" },
    { name: "primary as a string", body: (cardId: string) => ({ card_id: cardId, primary: "yes" }), field: "primary" },
  ])("refuses $name with 400 naming $field, changing nothing", async ({ body, field }) => {
    const { id, c } = await customerWithCard();
    const res = await m.api.put(`/vault/customer/${id}/billing`, { billing_city: "Changed", ...body(c.card_id) });
    expect400(res, field);
    expect(await listCards(m, id)).toEqual([c]);
  });

  it("answers 404 for an unknown card_id and for a card of another customer of the same merchant", async () => {
    const { id, c } = await customerWithCard();
    const other = await customerWithCard();
    const unknown = await m.api.put(`/vault/customer/${id}/billing`, { card_id: "0".repeat(32), billing_city: "X" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(7);
    const foreign = await m.api.put(`/vault/customer/${id}/billing`, { card_id: other.c.card_id, billing_city: "X" });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe(7);
    expect(await listCards(m, id)).toEqual([c]);
    expect(await listCards(m, other.id)).toEqual([other.c]);
  });
});

// ---------------------------------------------------------------------------

describe("PUT /vault/customer/{id}/billing/delete", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Billing delete");
  });

  /** A customer with three cards added one request apart (so their age is unambiguous). */
  async function threeCards() {
    const { id } = await newCustomer(m);
    const numbers = [visa(), visa(), visa()];
    let data: any;
    for (const n of numbers) data = await addCard(m, id, card(n));
    const cards = data.billing_cards;
    expect(cards.map((c: any) => c.card_number)).toEqual(numbers.map(masked));
    return { id, cards: cards as any[] };
  }

  it("deletes a non-primary card and answers the customer without it", async () => {
    const { id, cards } = await threeCards();
    const [a, b, c] = cards;
    const res = await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: b.card_id });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    expect(res.body.data.customer_id).toBe(id);
    expect(res.body.data.billing_cards).toEqual([a, c]);
    expect(await listCards(m, id)).toEqual([a, c]);
  });

  it("makes the OLDEST remaining card primary when the primary is deleted", async () => {
    const { id, cards } = await threeCards();
    const [a, b, c] = cards;
    // B (the middle one) is primary; deleting it must promote A (oldest), not C (newest).
    await m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: b.card_id });
    const res = await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: b.card_id });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.billing_cards).toEqual([
      { ...a, primary: true },
      { ...c, primary: false },
    ]);
    expect(res.body.data.primary_card_number).toBe(a.card_number);

    // Now A is primary; deleting it promotes C, the only (and oldest) one left.
    const again = await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: a.card_id });
    expect(again.status).toBe(200);
    expect(again.body.data.billing_cards).toEqual([{ ...c, primary: true }]);
  });

  it("deletes the oldest primary card and promotes the next oldest", async () => {
    const { id, cards } = await threeCards();
    const [a, b, c] = cards;
    expect(a.primary).toBe(true);
    const res = await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: a.card_id });
    expect(res.status).toBe(200);
    expect(res.body.data.billing_cards).toEqual([{ ...b, primary: true }, c]);
  });

  it("treats cards added in one request as added in request order: deleting the primary promotes the second", async () => {
    const id = uniqueCustomerId();
    const numbers = Array.from({ length: 8 }, () => visa());
    const add = await m.api.post("/vault/customer", { customer_id: id, customer_first_name: "Batch", billing_cards: numbers.map((n) => card(n)) });
    expect(add.status, json(add.body)).toBe(200);
    const first = byNumber(add.body.data.billing_cards, numbers[0]!);
    expect(first.primary).toBe(true);
    const res = await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: first.card_id });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.primary_card_number).toBe(masked(numbers[1]!));
    expect(byNumber(res.body.data.billing_cards, numbers[1]!).primary).toBe(true);
  });

  it("leaves no cards and no primary_card_number after the last one is deleted", async () => {
    const { id } = await newCustomer(m);
    const c = (await addCard(m, id, card())).billing_cards[0];
    const res = await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: c.card_id });
    expect(res.status).toBe(200);
    expect(res.body.data.billing_cards).toEqual([]);
    expect(res.body.data.primary_card_number).toBeUndefined();
    // Deleted means gone: a second delete, update or primary is a 404.
    for (const r of [
      await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: c.card_id }),
      await m.api.put(`/vault/customer/${id}/billing`, { card_id: c.card_id, billing_city: "X" }),
      await m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: c.card_id }),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body.code).toBe(7);
    }
  });

  it("lets a deleted card's number be added again, under a new card_id", async () => {
    const { id } = await newCustomer(m);
    const n = visa();
    const c = (await addCard(m, id, card(n))).billing_cards[0];
    await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: c.card_id });
    const again = (await addCard(m, id, card(n))).billing_cards[0];
    expect(again.card_number).toBe(masked(n));
    expect(again.card_id).not.toBe(c.card_id);
  });

  it("answers 404 for an unknown card_id and for another customer's card, deleting nothing", async () => {
    const { id, cards } = await threeCards();
    const other = await newCustomer(m);
    const theirs = (await addCard(m, other.id, card())).billing_cards;
    for (const cardId of ["f".repeat(32), theirs[0].card_id]) {
      const res = await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: cardId });
      expect(res.status, json(res.body)).toBe(404);
      expect(res.body.code).toBe(7);
    }
    expect(await listCards(m, id)).toEqual(cards);
    expect(await listCards(m, other.id)).toEqual(theirs);
  });

  it.each([
    { name: "no card_id", body: {} },
    { name: "an upper-case card_id", body: { card_id: "A".repeat(32) } },
    { name: "a 31-character card_id", body: { card_id: "a".repeat(31) } },
  ])("answers 400 for $name", async ({ body }) => {
    const { id, cards } = await threeCards();
    const res = await m.api.put(`/vault/customer/${id}/billing/delete`, body);
    expect400(res, "card_id");
    expect(await listCards(m, id)).toEqual(cards);
  });
});

// ---------------------------------------------------------------------------

describe("PUT /vault/customer/{id}/billing/primary", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Billing primary");
  });

  it("makes the named card the only primary one", async () => {
    const { id } = await newCustomer(m);
    await addCard(m, id, card());
    await addCard(m, id, card());
    const cards = (await addCard(m, id, card())).billing_cards;
    expect(primaryIds(cards)).toEqual([cards[0].card_id]);

    const res = await m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: cards[2].card_id });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    expect(res.body.data.billing_cards.map((c: any) => c.primary)).toEqual([false, false, true]);
    expect(res.body.data.primary_card_number).toBe(cards[2].card_number);

    // Setting it again is harmless.
    const again = await m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: cards[2].card_id });
    expect(again.status).toBe(200);
    expect(primaryIds(again.body.data.billing_cards)).toEqual([cards[2].card_id]);

    const back = await m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: cards[0].card_id });
    expect(primaryIds(back.body.data.billing_cards)).toEqual([cards[0].card_id]);
    expect(primaryIds(await listCards(m, id))).toEqual([cards[0].card_id]);
  });

  it("answers 404 for an unknown card_id and another customer's card; 400 for a missing one", async () => {
    const { id } = await newCustomer(m);
    const mine = (await addCard(m, id, card())).billing_cards;
    const other = await newCustomer(m);
    const theirs = (await addCard(m, other.id, card())).billing_cards;
    for (const cardId of ["0".repeat(32), theirs[0].card_id]) {
      const res = await m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: cardId });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(7);
    }
    expect400(await m.api.put(`/vault/customer/${id}/billing/primary`, {}), "card_id");
    expect(await listCards(m, id)).toEqual(mine);
    expect(await listCards(m, other.id)).toEqual(theirs);
  });
});
