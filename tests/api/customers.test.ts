// Functional tests of the customer resource: add, get, update, delete and
// browse (/platform/vault/customer). Every describe block works inside its own
// merchant, so counts and totals are exact.
import { beforeAll, describe, expect, it } from "vitest";
import { futureExpiry, newMerchant, uniqueCustomerId, type TestMerchant, masked, json, monthAsExpiry } from "../support/fixtures";
import { generateTestCardNumber } from "@/lib/cards/test-cards";

// ---- tiny helpers (local to this file) ----

const visa = () => generateTestCardNumber("4", 16);
const card = (number = visa(), extra: Record<string, unknown> = {}) => ({
  card_number: number,
  exp_date: futureExpiry(),
  billing_zip: "94402",
  ...extra,
});

async function addCustomer(m: TestMerchant, body: Record<string, unknown>) {
  const res = await m.api.post("/vault/customer", body);
  expect(res.status, json(res.body)).toBe(200);
  expect(res.body.code).toBe(0);
  return res.body.data;
}

async function getCustomer(m: TestMerchant, id: string) {
  const res = await m.api.get(`/vault/customer/${id}`);
  expect(res.status, json(res.body)).toBe(200);
  return res.body.data;
}

async function browseTotal(m: TestMerchant): Promise<number> {
  const res = await m.api.get("/vault/customer?count=100");
  expect(res.status, json(res.body)).toBe(200);
  return res.body.totalRecords;
}

function expect400(res: { status: number; body: any }, field: string) {
  expect(res.status, json(res.body)).toBe(400);
  expect(res.body.code).toBe(6);
  expect(Object.keys(res.body.data ?? {}), json(res.body)).toContain(field);
}

const primaries = (items: any[]): any[] => items.filter((i) => i.primary);

/** The customer with cards and addresses in a canonical order, for comparisons where order is not the point. */
function sorted(customer: any) {
  return {
    ...customer,
    billing_cards: [...customer.billing_cards].sort((a: any, b: any) => (a.card_id < b.card_id ? -1 : 1)),
    shipping_addresses: [...customer.shipping_addresses].sort((a: any, b: any) => a.shipping_id - b.shipping_id),
  };
}

// ---------------------------------------------------------------------------

describe("POST /vault/customer (add)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Customers add");
  });

  it("adds a customer with the merchant's customer_id and answers it in the envelope", async () => {
    const id = uniqueCustomerId();
    const res = await m.api.post("/vault/customer", {
      customer_id: id,
      customer_first_name: "Ada",
      customer_last_name: "Lovelace",
      customer_firm_name: "Engines Ltd",
      customer_phone: "999-999-9999",
      customer_email: "ada@example.com",
      reference_id: "678909",
      comments: "first customer",
      developer_id: "suiteV1",
    });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    expect(res.body.message).toBe("Success");
    expect(res.body.data).toEqual({
      customer_id: id,
      node_id: m.merchantId,
      customer_first_name: "Ada",
      customer_last_name: "Lovelace",
      customer_firm_name: "Engines Ltd",
      customer_phone: "999-999-9999",
      customer_email: "ada@example.com",
      reference_id: "678909",
      comments: "first customer",
      developer_id: "suiteV1",
      billing_cards: [],
      shipping_addresses: [],
    });
    expect(typeof res.body.data.node_id).toBe("number");
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(res.body.data));
  });

  it("generates a customer_id with auto_generate_customer_id and returns it", async () => {
    const before = await browseTotal(m);
    const data = await addCustomer(m, { auto_generate_customer_id: true, customer_last_name: "Generated" });
    expect(data.customer_id).toMatch(/^[A-Za-z0-9]{1,32}$/);
    const fetched = await getCustomer(m, data.customer_id);
    expect(fetched.customer_last_name).toBe("Generated");
    const second = await addCustomer(m, { auto_generate_customer_id: true, customer_firm_name: "Other Co" });
    expect(second.customer_id).not.toBe(data.customer_id);
    expect(await browseTotal(m)).toBe(before + 2);
  });

  it("keeps customer_id case sensitive: ABC and abc are two customers", async () => {
    const base = uniqueCustomerId("K").toUpperCase();
    await addCustomer(m, { customer_id: base, customer_first_name: "Upper" });
    await addCustomer(m, { customer_id: base.toLowerCase(), customer_first_name: "Lower" });
    expect((await getCustomer(m, base)).customer_first_name).toBe("Upper");
    expect((await getCustomer(m, base.toLowerCase())).customer_first_name).toBe("Lower");
  });

  it("stores billing_cards and shipping_addresses sent with the customer; the first of each is primary", async () => {
    const id = uniqueCustomerId();
    const n1 = visa();
    const n2 = generateTestCardNumber("51", 16);
    const data = await addCustomer(m, {
      customer_id: id,
      customer_first_name: "Ada",
      billing_cards: [card(n1, { billing_first_name: "Ada", cvv2: "123" }), card(n2, { billing_city: "Paris" })],
      shipping_addresses: [
        { shipping_first_name: "Ada", shipping_last_name: "Lee", shipping_city: "San Mateo", shipping_zip: "94402" },
        { shipping_first_name: "Bob", shipping_last_name: "Lee", shipping_zip4: "1234" },
      ],
    });
    // (The order of cards added in one request is checked by its own test below.)
    expect(data.billing_cards).toHaveLength(2);
    const c1 = data.billing_cards.find((c: any) => c.card_number === masked(n1));
    const c2 = data.billing_cards.find((c: any) => c.card_number === masked(n2));
    expect(c1).toMatchObject({ card_type: "VS", billing_first_name: "Ada", billing_zip: "94402", primary: true });
    expect(c2).toMatchObject({ card_type: "MC", billing_city: "Paris", billing_zip: "94402", primary: false });
    expect(data.primary_card_number).toBe(masked(n1));
    expect(data.shipping_addresses.map((a: any) => a.shipping_first_name)).toEqual(["Ada", "Bob"]);
    expect(data.shipping_addresses.map((a: any) => a.primary)).toEqual([true, false]);
    for (const a of data.shipping_addresses) expect(Number.isInteger(a.shipping_id)).toBe(true);
    expect(json(data)).not.toContain(n1);
    expect(json(data)).not.toContain(n2);
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(data));
  });

  it("makes the second card and address primary when they carry primary: true", async () => {
    const id = uniqueCustomerId();
    const n1 = visa();
    const n2 = visa();
    const n3 = visa();
    const data = await addCustomer(m, {
      customer_id: id,
      customer_firm_name: "Primary Test Co",
      billing_cards: [card(n1), card(n2, { primary: true }), card(n3)],
      shipping_addresses: [
        { shipping_first_name: "A", shipping_last_name: "One" },
        { shipping_first_name: "B", shipping_last_name: "Two", primary: true },
      ],
    });
    const primaryCards = primaries(data.billing_cards);
    expect(primaryCards).toHaveLength(1);
    expect(primaryCards[0].card_number).toBe(masked(n2));
    expect(data.primary_card_number).toBe(masked(n2));
    const primaryAddresses = primaries(data.shipping_addresses);
    expect(primaryAddresses).toHaveLength(1);
    expect(primaryAddresses[0].shipping_first_name).toBe("B");
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(data));
  });

  it("lists cards added in one request in request order (oldest first)", async () => {
    const id = uniqueCustomerId();
    // Eight cards: a random order would match the request order by chance only 1 time in 40,320.
    const numbers = Array.from({ length: 8 }, () => visa());
    const data = await addCustomer(m, { customer_id: id, customer_first_name: "Order", billing_cards: numbers.map((n) => card(n)) });
    expect(data.billing_cards.map((c: any) => c.card_number)).toEqual(numbers.map(masked));
    const listed = await m.api.get(`/vault/customer/${id}/billing`);
    expect(listed.body.data.billing_cards.map((c: any) => c.card_number)).toEqual(numbers.map(masked));
  });

  it("lists cards in the same order in the add response and in a later GET", async () => {
    const id = uniqueCustomerId();
    const data = await addCustomer(m, { customer_id: id, customer_first_name: "Stable", billing_cards: Array.from({ length: 8 }, () => card()) });
    const fetched = await getCustomer(m, id);
    expect(fetched.billing_cards.map((c: any) => c.card_id)).toEqual(data.billing_cards.map((c: any) => c.card_id));
  });

  it("answers 409 (code 8) for a customer_id the merchant already has, and keeps the first", async () => {
    const id = uniqueCustomerId();
    await addCustomer(m, { customer_id: id, customer_first_name: "First" });
    const before = await browseTotal(m);
    const dup = await m.api.post("/vault/customer", { customer_id: id, customer_first_name: "Second" });
    expect(dup.status, json(dup.body)).toBe(409);
    expect(dup.body.code).toBe(8);
    expect((await getCustomer(m, id)).customer_first_name).toBe("First");
    expect(await browseTotal(m)).toBe(before);
  });

  it("allows the same customer_id at two different merchants", async () => {
    const other = await newMerchant("Customers add other");
    const id = uniqueCustomerId();
    await addCustomer(m, { customer_id: id, customer_first_name: "Mine" });
    await addCustomer(other, { customer_id: id, customer_first_name: "Theirs" });
    expect((await getCustomer(m, id)).customer_first_name).toBe("Mine");
    expect((await getCustomer(other, id)).customer_first_name).toBe("Theirs");
  });

  it.each([
    { name: "neither customer_id nor auto_generate_customer_id", body: { customer_first_name: "X" }, field: "customer_id" },
    {
      name: "both customer_id and auto_generate_customer_id",
      body: { customer_id: "BothGiven1", auto_generate_customer_id: true, customer_first_name: "X" },
      field: "customer_id",
    },
    { name: "no name at all", body: { customer_id: "NoName1", customer_email: "a@b.c" }, field: "customer_first_name" },
    { name: "only empty names", body: { customer_id: "NoName2", customer_first_name: "", customer_last_name: "" }, field: "customer_first_name" },
    {
      name: "an invalid card among the cards",
      body: { customer_id: "BadCard1", customer_first_name: "X", billing_cards: [card(), card("4111111111111112")] },
      field: "billing_cards[1].card_number",
    },
    {
      name: "a card without billing_zip",
      body: { customer_id: "BadCard2", customer_first_name: "X", billing_cards: [{ card_number: visa(), exp_date: futureExpiry() }] },
      field: "billing_cards[0].billing_zip",
    },
    {
      name: "an address without shipping_last_name",
      body: { customer_id: "BadShip1", customer_first_name: "X", shipping_addresses: [{ shipping_first_name: "A" }] },
      field: "shipping_addresses[0].shipping_last_name",
    },
  ])("answers 400 for $name and stores nothing", async ({ body, field }) => {
    const before = await browseTotal(m);
    const res = await m.api.post("/vault/customer", body);
    expect400(res, field);
    expect(await browseTotal(m)).toBe(before);
    if (typeof (body as any).customer_id === "string") {
      expect((await m.api.get(`/vault/customer/${(body as any).customer_id}`)).status).toBe(404);
    }
  });

  it("answers 409 when the same card number appears twice in one add, and stores nothing", async () => {
    const id = uniqueCustomerId();
    const n = visa();
    const before = await browseTotal(m);
    const res = await m.api.post("/vault/customer", { customer_id: id, customer_first_name: "Dup", billing_cards: [card(n), card(n)] });
    expect(res.status, json(res.body)).toBe(409);
    expect(res.body.code).toBe(8);
    expect((await m.api.get(`/vault/customer/${id}`)).status).toBe(404);
    expect(await browseTotal(m)).toBe(before);
  });
});

// ---------------------------------------------------------------------------

describe("GET /vault/customer/{customer_id}", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Customers get");
  });

  it("answers 404 (code 7) for an unknown customer and for another merchant's customer", async () => {
    const unknown = await m.api.get(`/vault/customer/${uniqueCustomerId()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(7);

    const other = await newMerchant("Customers get other");
    const id = uniqueCustomerId();
    await addCustomer(other, { customer_id: id, customer_first_name: "Theirs" });
    const res = await m.api.get(`/vault/customer/${id}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(7);
    expect(json(res.body)).not.toContain("Theirs");
  });

  it("answers only the fields that are set (no nulls)", async () => {
    const id = uniqueCustomerId();
    await addCustomer(m, { customer_id: id, customer_last_name: "Solo", customer_email: null });
    const data = await getCustomer(m, id);
    expect(data).toEqual({ customer_id: id, node_id: m.merchantId, customer_last_name: "Solo", billing_cards: [], shipping_addresses: [] });
  });
});

// ---------------------------------------------------------------------------

describe("PUT /vault/customer/{customer_id} (update)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Customers update");
  });

  const fullCustomer = (id: string) => ({
    customer_id: id,
    customer_first_name: "Ada",
    customer_last_name: "Lee",
    customer_firm_name: "Lee Co",
    customer_phone: "5551234",
    customer_email: "ada@example.com",
    reference_id: "ref-1",
    comments: "note",
    developer_id: "dev1",
  });

  it("is partial: omitted fields stay, sent ones change", async () => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, fullCustomer(id));
    const res = await m.api.put(`/vault/customer/${id}`, { customer_first_name: "Ann", comments: "changed" });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    expect(res.body.data).toEqual({ ...created, customer_first_name: "Ann", comments: "changed" });
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(res.body.data));
  });

  it("clears a field sent as null", async () => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, fullCustomer(id));
    const res = await m.api.put(`/vault/customer/${id}`, { customer_email: null, reference_id: null, customer_first_name: null });
    expect(res.status, json(res.body)).toBe(200);
    const expected = { ...created };
    delete expected.customer_email;
    delete expected.reference_id;
    delete expected.customer_first_name;
    expect(res.body.data).toEqual(expected);
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(expected));
  });

  it("accepts a customer_id in the body equal to the path", async () => {
    const id = uniqueCustomerId();
    await addCustomer(m, fullCustomer(id));
    const res = await m.api.put(`/vault/customer/${id}`, { customer_id: id, customer_last_name: "Same" });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.customer_id).toBe(id);
    expect(res.body.data.customer_last_name).toBe("Same");
  });

  it("refuses a customer_id in the body that differs from the path (400), changing nothing", async () => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, fullCustomer(id));
    const newId = uniqueCustomerId();
    const res = await m.api.put(`/vault/customer/${id}`, { customer_id: newId, customer_last_name: "Moved" });
    expect400(res, "customer_id");
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(created));
    expect((await m.api.get(`/vault/customer/${newId}`)).status).toBe(404);
  });

  it.each([
    { name: "null on the only name", start: { customer_last_name: "Only" }, update: { customer_last_name: null } },
    { name: "empty string on the only name", start: { customer_firm_name: "Only Co" }, update: { customer_firm_name: "" } },
    {
      name: "nulls on every name",
      start: { customer_first_name: "A", customer_last_name: "B", customer_firm_name: "C" },
      update: { customer_first_name: null, customer_last_name: null, customer_firm_name: null },
    },
  ])("refuses an update that leaves no name ($name) with 400, changing nothing", async ({ start, update }) => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, { customer_id: id, ...start });
    const res = await m.api.put(`/vault/customer/${id}`, update);
    expect(res.status, json(res.body)).toBe(400);
    expect(res.body.code).toBe(6);
    expect(Object.keys(res.body.data ?? {}).length).toBeGreaterThan(0);
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(created));
  });

  it("allows removing one name while another remains", async () => {
    const id = uniqueCustomerId();
    await addCustomer(m, { customer_id: id, customer_first_name: "First", customer_firm_name: "Firm" });
    const res = await m.api.put(`/vault/customer/${id}`, { customer_first_name: null });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.customer_first_name).toBeUndefined();
    expect(res.body.data.customer_firm_name).toBe("Firm");
  });

  it("answers 404 for an unknown customer", async () => {
    const res = await m.api.put(`/vault/customer/${uniqueCustomerId()}`, { customer_first_name: "Ghost" });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(7);
  });

  it("leaves cards and addresses alone when the update does not mention them", async () => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, {
      customer_id: id,
      customer_first_name: "Keep",
      billing_cards: [card(), card()],
      shipping_addresses: [{ shipping_first_name: "S", shipping_last_name: "One" }],
    });
    const res = await m.api.put(`/vault/customer/${id}`, { customer_last_name: "Kept" });
    expect(res.status, json(res.body)).toBe(200);
    expect(sorted(res.body.data).billing_cards).toEqual(sorted(created).billing_cards);
    expect(sorted(res.body.data).shipping_addresses).toEqual(sorted(created).shipping_addresses);
  });

  it("replaces the card set: sent card_ids are kept and updated, new entries added, unmentioned ones deleted", async () => {
    const id = uniqueCustomerId();
    const [nA, nB, nC, nD] = [visa(), visa(), visa(), generateTestCardNumber("6011", 16)];
    // One card per request, so "oldest" is unambiguous.
    await addCustomer(m, { customer_id: id, customer_first_name: "Replace", billing_cards: [card(nA!)] });
    await m.api.post(`/vault/customer/${id}/billing`, card(nB!, { billing_first_name: "Bee", billing_state: "CA" }));
    const created = (await m.api.post(`/vault/customer/${id}/billing`, card(nC!))).body.data;
    const [a, b, c] = created.billing_cards;
    expect([a, b, c].map((x: any) => x.card_number)).toEqual([masked(nA!), masked(nB!), masked(nC!)]);
    expect(a.primary).toBe(true);
    const newExp = futureExpiry(5);

    const res = await m.api.put(`/vault/customer/${id}`, {
      billing_cards: [
        { card_id: b.card_id, billing_city: "Paris", exp_date: newExp },
        { card_number: nD, exp_date: futureExpiry(), billing_zip: "10001" },
      ],
    });
    expect(res.status, json(res.body)).toBe(200);
    const cards = res.body.data.billing_cards;
    expect(cards).toHaveLength(2);
    const keptB = cards.find((x: any) => x.card_id === b.card_id);
    expect(keptB).toEqual({ ...b, billing_city: "Paris", exp_date: newExp, primary: true });
    const added = cards.find((x: any) => x.card_id !== b.card_id);
    expect(added).toMatchObject({ card_number: masked(nD!), card_type: "DS", billing_zip: "10001", primary: false });
    expect(added.card_id).toMatch(/^[0-9a-f]{32}$/);
    // The primary card (A) was deleted: the oldest remaining one (B) took over.
    expect(res.body.data.primary_card_number).toBe(masked(nB!));
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(res.body.data));

    // A and C are really gone.
    for (const gone of [a.card_id, c.card_id]) {
      const primary = await m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: gone });
      expect(primary.status).toBe(404);
    }
  });

  it("honours primary: true on an entry of the replacement card set", async () => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, { customer_id: id, customer_first_name: "P", billing_cards: [card(), card()] });
    const [a, b] = created.billing_cards;
    const nNew = visa();
    const res = await m.api.put(`/vault/customer/${id}`, {
      billing_cards: [{ card_id: a.card_id }, { card_id: b.card_id }, card(nNew, { primary: true })],
    });
    expect(res.status, json(res.body)).toBe(200);
    const p = primaries(res.body.data.billing_cards);
    expect(p).toHaveLength(1);
    expect(p[0].card_number).toBe(masked(nNew));
    expect(res.body.data.billing_cards).toHaveLength(3);
  });

  it("deletes every card when billing_cards is an empty array", async () => {
    const id = uniqueCustomerId();
    await addCustomer(m, { customer_id: id, customer_first_name: "Empty", billing_cards: [card(), card()] });
    const res = await m.api.put(`/vault/customer/${id}`, { billing_cards: [] });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.billing_cards).toEqual([]);
    expect(res.body.data.primary_card_number).toBeUndefined();
    expect((await m.api.get(`/vault/customer/${id}/billing`)).body.data.billing_cards).toEqual([]);
  });

  it("replaces the address set: sent shipping_ids are kept and updated, new entries added, unmentioned ones deleted", async () => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, {
      customer_id: id,
      customer_first_name: "Ship",
      shipping_addresses: [
        { shipping_first_name: "S1", shipping_last_name: "One", shipping_city: "Austin" },
        { shipping_first_name: "S2", shipping_last_name: "Two", shipping_city: "Boston", shipping_zip: "02101" },
        { shipping_first_name: "S3", shipping_last_name: "Three" },
      ],
    });
    const [s1, s2, s3] = created.shipping_addresses;
    expect(s1.primary).toBe(true);
    const res = await m.api.put(`/vault/customer/${id}`, {
      shipping_addresses: [
        { shipping_id: s2.shipping_id, shipping_first_name: "S2new", shipping_last_name: "Two", shipping_city: "Rome" },
        { shipping_first_name: "S4", shipping_last_name: "Four", shipping_state: "TX" },
      ],
    });
    expect(res.status, json(res.body)).toBe(200);
    const addresses = res.body.data.shipping_addresses;
    expect(addresses).toHaveLength(2);
    expect(addresses.find((a: any) => a.shipping_id === s2.shipping_id)).toEqual({
      ...s2,
      shipping_first_name: "S2new",
      shipping_city: "Rome",
      primary: true, // the primary (S1) was deleted: the oldest remaining took over
    });
    const added = addresses.find((a: any) => a.shipping_id !== s2.shipping_id);
    expect(added).toMatchObject({ shipping_first_name: "S4", shipping_last_name: "Four", shipping_state: "TX", primary: false });
    expect(Number.isInteger(added.shipping_id)).toBe(true);
    expect([s1.shipping_id, s3.shipping_id]).not.toContain(added.shipping_id);
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(res.body.data));
    for (const gone of [s1.shipping_id, s3.shipping_id]) {
      expect((await m.api.delete(`/vault/customer/${id}/shipping/${gone}`)).status).toBe(404);
    }
  });

  it("refuses a card_number on an entry that names a card_id (400) and changes nothing", async () => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, { customer_id: id, customer_first_name: "NoNum", billing_cards: [card()] });
    const res = await m.api.put(`/vault/customer/${id}`, {
      billing_cards: [{ card_id: created.billing_cards[0].card_id, card_number: visa() }],
    });
    expect400(res, "billing_cards[0].card_number");
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(created));
  });

  it.each([
    { name: "an expired exp_date (last month)", entry: () => ({ exp_date: monthAsExpiry(-1) }) },
    { name: "exp_date month 13", entry: () => ({ exp_date: "1399" }) },
  ])("refuses $name on a kept card (400 naming billing_cards[0].exp_date), as PUT .../billing does", async ({ entry }) => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, { customer_id: id, customer_first_name: "Exp", billing_cards: [card()] });
    const res = await m.api.put(`/vault/customer/${id}`, { billing_cards: [{ card_id: created.billing_cards[0].card_id, ...entry() }] });
    expect400(res, "billing_cards[0].exp_date");
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(created));
  });

  it("refuses a card_id that is not this customer's (400) and changes nothing", async () => {
    const id = uniqueCustomerId();
    const otherId = uniqueCustomerId();
    const created = await addCustomer(m, { customer_id: id, customer_first_name: "Mine", billing_cards: [card()] });
    const other = await addCustomer(m, { customer_id: otherId, customer_first_name: "Other", billing_cards: [card()] });
    const res = await m.api.put(`/vault/customer/${id}`, {
      customer_first_name: "Changed",
      billing_cards: [{ card_id: other.billing_cards[0].card_id }],
    });
    expect400(res, "billing_cards[0].card_id");
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(created));
    expect(sorted(await getCustomer(m, otherId))).toEqual(sorted(other));
  });

  it("rolls back the whole update when a new card is invalid", async () => {
    const id = uniqueCustomerId();
    const created = await addCustomer(m, {
      customer_id: id,
      customer_first_name: "Atomic",
      billing_cards: [card(), card()],
      shipping_addresses: [{ shipping_first_name: "S", shipping_last_name: "One" }],
    });
    const res = await m.api.put(`/vault/customer/${id}`, {
      customer_first_name: "Changed",
      billing_cards: [card("4111111111111112")],
      shipping_addresses: [],
    });
    expect400(res, "billing_cards[0].card_number");
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(created));
  });

  it("answers 409 for a new card whose number the customer keeps, changing nothing", async () => {
    const id = uniqueCustomerId();
    const n = visa();
    const created = await addCustomer(m, { customer_id: id, customer_first_name: "Dup", billing_cards: [card(n)] });
    const res = await m.api.put(`/vault/customer/${id}`, {
      customer_first_name: "Changed",
      billing_cards: [{ card_id: created.billing_cards[0].card_id }, card(n)],
    });
    expect(res.status, json(res.body)).toBe(409);
    expect(res.body.code).toBe(8);
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(created));
  });
});

// ---------------------------------------------------------------------------

describe("DELETE /vault/customer/{customer_id}", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Customers delete");
  });

  it("answers {code: 0, message} with no data, and the customer is gone", async () => {
    const id = uniqueCustomerId();
    await addCustomer(m, { customer_id: id, customer_first_name: "Gone" });
    const before = await browseTotal(m);
    const res = await m.api.delete(`/vault/customer/${id}`);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    expect(typeof res.body.message).toBe("string");
    expect(res.body.message.length).toBeGreaterThan(0);
    expect(Object.keys(res.body).sort()).toEqual(["code", "message"]);

    const get = await m.api.get(`/vault/customer/${id}`);
    expect(get.status).toBe(404);
    expect(get.body.code).toBe(7);
    expect(await browseTotal(m)).toBe(before - 1);

    const again = await m.api.delete(`/vault/customer/${id}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe(7);
  });

  it("deletes its cards and addresses; the old card_ids stay dead when the customer_id is reused", async () => {
    const id = uniqueCustomerId();
    const n = visa();
    const created = await addCustomer(m, {
      customer_id: id,
      customer_first_name: "Old",
      billing_cards: [card(n), card()],
      shipping_addresses: [{ shipping_first_name: "S", shipping_last_name: "One" }],
    });
    const oldCardIds: string[] = created.billing_cards.map((c: any) => c.card_id);
    const oldShippingId: number = created.shipping_addresses[0].shipping_id;
    expect((await m.api.delete(`/vault/customer/${id}`)).status).toBe(200);

    // While the customer is gone, every card and address operation is a 404.
    const ops = [
      () => m.api.get(`/vault/customer/${id}/billing`),
      () => m.api.put(`/vault/customer/${id}/billing`, { card_id: oldCardIds[0], billing_city: "X" }),
      () => m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: oldCardIds[1] }),
      () => m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: oldCardIds[0] }),
      () => m.api.get(`/vault/customer/${id}/shipping`),
      () => m.api.delete(`/vault/customer/${id}/shipping/${oldShippingId}`),
    ];
    for (const op of ops) {
      const res = await op();
      expect(res.status, json(res.body)).toBe(404);
      expect(res.body.code).toBe(7);
    }

    // The same customer_id can be added again and starts empty.
    const reborn = await addCustomer(m, { customer_id: id, customer_last_name: "New" });
    expect(reborn).toEqual({ customer_id: id, node_id: m.merchantId, customer_last_name: "New", billing_cards: [], shipping_addresses: [] });

    // The old card_ids and shipping_id do not come back with it.
    for (const cardId of oldCardIds) {
      for (const res of [
        await m.api.put(`/vault/customer/${id}/billing`, { card_id: cardId, billing_city: "X" }),
        await m.api.put(`/vault/customer/${id}/billing/primary`, { card_id: cardId }),
        await m.api.put(`/vault/customer/${id}/billing/delete`, { card_id: cardId }),
      ]) {
        expect(res.status, json(res.body)).toBe(404);
        expect(res.body.code).toBe(7);
      }
    }
    const ship = await m.api.delete(`/vault/customer/${id}/shipping/${oldShippingId}`);
    expect(ship.status).toBe(404);

    // The old number can be stored again on the new customer (it is not a duplicate of a dead card).
    const add = await m.api.post(`/vault/customer/${id}/billing`, card(n));
    expect(add.status, json(add.body)).toBe(200);
    expect(add.body.data.billing_cards).toHaveLength(1);
    expect(oldCardIds).not.toContain(add.body.data.billing_cards[0].card_id);
    expect(sorted(await getCustomer(m, id))).toEqual(sorted(add.body.data));
  });

  it("answers 404 for another merchant's customer and leaves it in place", async () => {
    const other = await newMerchant("Customers delete other");
    const id = uniqueCustomerId();
    const theirs = await addCustomer(other, { customer_id: id, customer_first_name: "Theirs" });
    const res = await m.api.delete(`/vault/customer/${id}`);
    expect(res.status).toBe(404);
    expect(sorted(await getCustomer(other, id))).toEqual(sorted(theirs));
  });
});

// ---------------------------------------------------------------------------

describe("GET /vault/customer (browse): paging and order", () => {
  let m: TestMerchant;
  const N = 12;
  const pad = (n: number) => String(n).padStart(2, "0");
  // Each sortable field holds a different permutation of 0..11 (same-length,
  // same-case values, so any collation sorts them alike).
  const perm = (a: number, b: number) => (i: number) => pad((a * i + b) % N);
  const FIELDS: Record<string, (i: number) => string> = {
    customer_id: (i) => `CB${pad(i)}`,
    customer_first_name: (i) => `F${perm(5, 3)(i)}`,
    customer_last_name: (i) => `L${perm(7, 1)(i)}`,
    customer_firm_name: (i) => `M${perm(11, 4)(i)}`,
    customer_email: (i) => `e${perm(5, 8)(i)}@example.com`,
    customer_phone: (i) => `555${perm(7, 6)(i)}`,
    reference_id: (i) => `R${perm(11, 9)(i)}`,
    comments: (i) => `K${perm(1, 5)(i)}`,
    developer_id: (i) => `D${perm(5, 10)(i)}`,
  };
  const ids = Array.from({ length: N }, (_, i) => FIELDS.customer_id!(i));
  const sortedIds = (field: string, dir: "asc" | "desc") => {
    const f = FIELDS[field]!;
    const order = Array.from({ length: N }, (_, i) => i).sort((x, y) => (f(x) < f(y) ? -1 : f(x) > f(y) ? 1 : 0));
    if (dir === "desc") order.reverse();
    return order.map((i) => ids[i]);
  };

  beforeAll(async () => {
    m = await newMerchant("Customers browse");
    for (let i = 0; i < N; i++) {
      const body: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(FIELDS)) body[field] = value(i);
      await addCustomer(m, body);
    }
  });

  it("defaults to count 10, page 0, order_on customer_id, order_by desc", async () => {
    const res = await m.api.get("/vault/customer");
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body).toMatchObject({ code: 0, message: "Success", count: 10, page: 0, order_on: "customer_id", order_by: "desc" });
    expect(res.body.totalRecords).toBe(N);
    expect(res.body.totalPages).toBe(2);
    expect(res.body.data.map((c: any) => c.customer_id)).toEqual(sortedIds("customer_id", "desc").slice(0, 10));
    for (const c of res.body.data) {
      expect(c.node_id).toBe(m.merchantId);
      expect(Array.isArray(c.billing_cards)).toBe(true);
      expect(Array.isArray(c.shipping_addresses)).toBe(true);
    }
  });

  it("pages from 0: the pages together are the whole list, once each", async () => {
    const all: string[] = [];
    for (let page = 0; page < 3; page++) {
      const res = await m.api.get(`/vault/customer?count=5&page=${page}`);
      expect(res.status, json(res.body)).toBe(200);
      expect(res.body).toMatchObject({ count: 5, page, totalRecords: N, totalPages: 3 });
      expect(res.body.data).toHaveLength(page < 2 ? 5 : 2);
      all.push(...res.body.data.map((c: any) => c.customer_id));
    }
    expect(all).toEqual(sortedIds("customer_id", "desc"));
    const past = await m.api.get("/vault/customer?count=5&page=3");
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    expect(past.body.totalRecords).toBe(N);
  });

  it.each([
    { count: 1, pages: 12 },
    { count: 5, pages: 3 },
    { count: 7, pages: 2 },
    { count: 12, pages: 1 },
    { count: 13, pages: 1 },
  ])("totalPages is ceil(total / count) for count=$count", async ({ count, pages }) => {
    const res = await m.api.get(`/vault/customer?count=${count}`);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.totalRecords).toBe(N);
    expect(res.body.totalPages).toBe(pages);
    expect(res.body.data).toHaveLength(Math.min(count, N));
  });

  it("caps count at 100 (count=500 answers count 100)", async () => {
    const res = await m.api.get("/vault/customer?count=500");
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.count).toBe(100);
    expect(res.body.totalPages).toBe(1);
    expect(res.body.data).toHaveLength(N);
  });

  it("answers totalRecords 0 and totalPages 0 for a merchant with no customers", async () => {
    const empty = await newMerchant("Customers browse empty");
    const res = await empty.api.get("/vault/customer");
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body).toMatchObject({ totalRecords: 0, totalPages: 0, data: [] });
  });

  it("shows only the key's own merchant's customers", async () => {
    const other = await newMerchant("Customers browse other");
    await addCustomer(other, { customer_id: "CB99", customer_first_name: "Other" });
    const res = await m.api.get("/vault/customer?count=100");
    expect(res.body.totalRecords).toBe(N);
    expect(res.body.data.map((c: any) => c.customer_id)).not.toContain("CB99");
  });

  const orderCases = Object.keys(FIELDS).flatMap((field) => (["asc", "desc"] as const).map((dir) => ({ field, dir })));
  it.each(orderCases)("orders on $field $dir", async ({ field, dir }) => {
    const res = await m.api.get(`/vault/customer?count=100&order_on=${field}&order_by=${dir}`);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.order_on).toBe(field);
    expect(res.body.order_by).toBe(dir);
    expect(res.body.data.map((c: any) => c.customer_id)).toEqual(sortedIds(field, dir));
  });

  it("answers a page far past the end without a server error", async () => {
    for (const page of ["3000000000", "99999999999999999999"]) {
      const res = await m.api.get(`/vault/customer?page=${page}`);
      expect([200, 400], `page=${page}: ${json(res.body)}`).toContain(res.status);
      if (res.status === 200) expect(res.body.data).toEqual([]);
      else expect(Object.keys(res.body.data)).toContain("page");
    }
  });

  it.each([
    { query: "count=0", field: "count" },
    { query: "count=-1", field: "count" },
    { query: "count=abc", field: "count" },
    { query: "page=-1", field: "page" },
    { query: "page=x", field: "page" },
    { query: "order_on=password", field: "order_on" },
    { query: "order_on=created", field: "order_on" },
    // Regression: names every JavaScript object has passed the field check and crashed with a 500.
    { query: "order_on=toString", field: "order_on" },
    { query: "order_on=constructor", field: "order_on" },
    { query: "order_by=up", field: "order_by" },
  ])("answers 400 naming $field for $query", async ({ query, field }) => {
    const res = await m.api.get(`/vault/customer?${query}`);
    expect400(res, field);
  });
});

// ---------------------------------------------------------------------------

describe("GET /vault/customer (browse): filter", () => {
  let m: TestMerchant;
  const CUSTOMERS = [
    { customer_id: "F1", customer_first_name: "Ada", customer_last_name: "Lee", customer_email: "ada@Example.com", comments: "vip" },
    { customer_id: "F2", customer_first_name: "Bob", customer_last_name: "Lee", customer_email: "bob@other.org" },
    { customer_id: "F3", customer_first_name: "Cy", customer_last_name: "Stone", customer_email: "cy@example.COM" },
    { customer_id: "F4", customer_first_name: "Dee", customer_last_name: "Lee", comments: "regular" },
    { customer_id: "F5", customer_firm_name: "Acme Ltd", customer_email: "sales@EXAMPLE.net" },
  ];

  beforeAll(async () => {
    m = await newMerchant("Customers filter");
    for (const c of CUSTOMERS) await addCustomer(m, c);
  });

  const browse = (filter: string, extra = "") => m.api.get(`/vault/customer?count=100&order_by=asc&filter=${encodeURIComponent(filter)}${extra}`);

  it.each([
    { filter: "customer_last_name,EQUALS,Lee", ids: ["F1", "F2", "F4"] },
    { filter: "customer_first_name,EQUALS,Cy", ids: ["F3"] },
    { filter: "customer_last_name,EQUALS,Nobody", ids: [] },
    { filter: "customer_id,NOT_EQUALS,F1", ids: ["F2", "F3", "F4", "F5"] },
    { filter: "customer_last_name,NOT_EQUALS,Lee;customer_last_name,IS_NOT_NULL", ids: ["F3"] },
    { filter: "customer_id,IS_NULL", ids: [] },
    { filter: "customer_id,IS_NOT_NULL", ids: ["F1", "F2", "F3", "F4", "F5"] },
    { filter: "customer_email,LIKE,example", ids: ["F1", "F3", "F5"] },
    { filter: "customer_email,LIKE,EXAMPLE", ids: ["F1", "F3", "F5"] },
    { filter: "customer_email,LIKE,Other.ORG", ids: ["F2"] },
    { filter: "customer_firm_name,LIKE,me l", ids: ["F5"] },
    { filter: "customer_id,GREATER_THAN,F3", ids: ["F4", "F5"] },
    { filter: "customer_id,LESS_THAN,F3", ids: ["F1", "F2"] },
    { filter: "comments,IS_NULL", ids: ["F2", "F3", "F5"] },
    { filter: "comments,IS_NOT_NULL", ids: ["F1", "F4"] },
    { filter: "customer_last_name,IS_NULL", ids: ["F5"] },
    { filter: "customer_last_name,EQUALS,Lee;comments,IS_NULL", ids: ["F2"] },
    { filter: "customer_last_name,EQUALS,Lee;customer_email,LIKE,example", ids: ["F1"] },
    { filter: "customer_id,GREATER_THAN,F1;customer_id,LESS_THAN,F5;comments,IS_NOT_NULL", ids: ["F4"] },
  ])("$filter", async ({ filter, ids }) => {
    const res = await browse(filter);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.map((c: any) => c.customer_id)).toEqual(ids);
    expect(res.body.totalRecords).toBe(ids.length);
  });

  it("NOT_EQUALS on a nullable field keeps every row with another value", async () => {
    const res = await browse("customer_first_name,NOT_EQUALS,Ada");
    expect(res.status, json(res.body)).toBe(200);
    const ids = res.body.data.map((c: any) => c.customer_id);
    expect(ids).toEqual(expect.arrayContaining(["F2", "F3", "F4"]));
    expect(ids).not.toContain("F1");
  });

  it("counts the filtered total in totalRecords and totalPages, not the page", async () => {
    const res = await m.api.get(`/vault/customer?count=1&page=1&order_by=asc&filter=${encodeURIComponent("customer_last_name,EQUALS,Lee")}`);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body).toMatchObject({ totalRecords: 3, totalPages: 3, count: 1, page: 1 });
    expect(res.body.data.map((c: any) => c.customer_id)).toEqual(["F2"]);
  });

  // Regression: the query used to keep only the last `filter`, silently dropping the others.
  it("applies every one of several repeated filter parameters, like a;b", async () => {
    const res = await m.api.get(
      `/vault/customer?count=100&order_by=asc&filter=${encodeURIComponent("customer_last_name,EQUALS,Lee")}&filter=${encodeURIComponent("comments,IS_NULL")}`,
    );
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.map((c: any) => c.customer_id)).toEqual(["F2"]);
  });

  it.each([
    { name: "unknown field", filter: "password,EQUALS,x" },
    { name: "unknown field that is a column name", filter: "lastName,EQUALS,Lee" },
    { name: "unknown field that every object has (regression: a 500)", filter: "constructor,EQUALS,x" },
    { name: "unknown field __proto__", filter: "__proto__,EQUALS,x" },
    { name: "unknown operator", filter: "customer_last_name,CONTAINS,Lee" },
    { name: "lower-case operator", filter: "customer_last_name,equals,Lee" },
    { name: "missing operator", filter: "customer_last_name" },
    { name: "a bad filter after a good one", filter: "customer_last_name,EQUALS,Lee;nope,EQUALS,x" },
  ])("answers 400 naming filter for an $name", async ({ filter }) => {
    const res = await browse(filter);
    expect400(res, "filter");
  });
});

// ---------------------------------------------------------------------------

// LIKE is SQL's LIKE around the value (%value%), on both databases alike:
// `%` and `_` in the value are wildcards, as the operator's name promises
// (documented in lib/vault/browse-filter.ts and the README).
describe("GET /vault/customer (browse): LIKE keeps SQL wildcards", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Customers filter wildcards");
    await addCustomer(m, { customer_id: "W1", customer_first_name: "Ann_Lee" });
    await addCustomer(m, { customer_id: "W2", customer_first_name: "AnnXLee" });
    await addCustomer(m, { customer_id: "W3", customer_firm_name: "100% Cotton" });
    await addCustomer(m, { customer_id: "W4", customer_firm_name: "100 Percent" });
  });

  it.each([
    { filter: "customer_first_name,LIKE,_", ids: ["W1", "W2"] },
    { filter: "customer_first_name,LIKE,n_L", ids: ["W1", "W2"] },
    { filter: "customer_first_name,LIKE,nxl", ids: ["W2"] },
    { filter: "customer_first_name,LIKE,Ann_Lee", ids: ["W1", "W2"] },
    { filter: "customer_firm_name,LIKE,%", ids: ["W3", "W4"] },
    { filter: "customer_firm_name,LIKE,100%ton", ids: ["W3"] },
    { filter: "customer_firm_name,LIKE,0 p", ids: ["W4"] },
  ])("$filter", async ({ filter, ids }) => {
    const res = await m.api.get(`/vault/customer?count=100&order_by=asc&filter=${encodeURIComponent(filter)}`);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.map((c: any) => c.customer_id)).toEqual(ids);
    expect(res.body.totalRecords).toBe(ids.length);
  });
});
