// Functional tests of a customer's shipping addresses:
// /platform/vault/customer/{customer_id}/shipping (+ /{shipping_id}, /primary).
import { beforeAll, describe, expect, it } from "vitest";
import { newMerchant, uniqueCustomerId, type TestMerchant, json } from "../support/fixtures";

// ---- tiny helpers (local to this file) ----

async function newCustomer(m: TestMerchant) {
  const id = uniqueCustomerId();
  const res = await m.api.post("/vault/customer", { customer_id: id, customer_firm_name: "Shipping Co" });
  expect(res.status, json(res.body)).toBe(200);
  return id;
}

const address = (first: string, extra: Record<string, unknown> = {}) => ({
  shipping_first_name: first,
  shipping_last_name: "Lee",
  ...extra,
});

async function addAddress(m: TestMerchant, customerId: string, body: Record<string, unknown>) {
  const res = await m.api.post(`/vault/customer/${customerId}/shipping`, body);
  expect(res.status, json(res.body)).toBe(200);
  expect(res.body.code).toBe(0);
  return res.body.data;
}

async function listAddresses(m: TestMerchant, customerId: string): Promise<any[]> {
  const res = await m.api.get(`/vault/customer/${customerId}/shipping`);
  expect(res.status, json(res.body)).toBe(200);
  return res.body.data.shipping_addresses;
}

/** A customer with three addresses, S1 (primary), S2, S3, oldest first. */
async function threeAddresses(m: TestMerchant) {
  const id = await newCustomer(m);
  await addAddress(m, id, address("S1", { shipping_city: "Austin" }));
  await addAddress(m, id, address("S2", { shipping_city: "Boston" }));
  const data = await addAddress(m, id, address("S3", { shipping_city: "Chicago" }));
  const list = data.shipping_addresses as any[];
  expect(list.map((a) => a.shipping_first_name)).toEqual(["S1", "S2", "S3"]);
  return { id, list };
}

function expect400(res: { status: number; body: any }, field?: string) {
  expect(res.status, json(res.body)).toBe(400);
  expect(res.body.code).toBe(6);
  if (field) expect(Object.keys(res.body.data ?? {}), json(res.body)).toContain(field);
}

const primaryIds = (list: any[]) => list.filter((a) => a.primary).map((a) => a.shipping_id);

// ---------------------------------------------------------------------------

describe("POST /vault/customer/{id}/shipping (add)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Shipping add");
  });

  it("answers the customer with the new address, primary, with an integer shipping_id", async () => {
    const id = await newCustomer(m);
    const body = {
      shipping_first_name: "Ada",
      shipping_last_name: "Lee",
      shipping_firm_name: "Lee Co",
      shipping_addr1: "1 Main St",
      shipping_addr2: "Suite 2",
      shipping_city: "San Mateo",
      shipping_state: "CA",
      shipping_zip: "94402",
      shipping_zip4: "1234",
      shipping_country: "United States",
      shipping_country_code: "840",
    };
    const res = await m.api.post(`/vault/customer/${id}/shipping`, body);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body).toMatchObject({ code: 0, message: "Success" });
    expect(res.body.data).toMatchObject({ customer_id: id, node_id: m.merchantId, customer_firm_name: "Shipping Co", billing_cards: [] });
    const list = res.body.data.shipping_addresses;
    expect(list).toHaveLength(1);
    expect(Number.isInteger(list[0].shipping_id)).toBe(true);
    expect(list[0].shipping_id).toBeGreaterThan(0);
    expect(list[0]).toEqual({ shipping_id: list[0].shipping_id, ...body, primary: true });
    expect(await listAddresses(m, id)).toEqual(list);
  });

  it("adds later addresses as not primary, oldest first, each with its own shipping_id", async () => {
    const { list } = await threeAddresses(m);
    expect(list.map((a) => a.primary)).toEqual([true, false, false]);
    expect(new Set(list.map((a) => a.shipping_id)).size).toBe(3);
  });

  it("makes a new address primary when it is sent with primary: true", async () => {
    const { id, list } = await threeAddresses(m);
    const data = await addAddress(m, id, address("S4", { primary: true }));
    const s4 = data.shipping_addresses.find((a: any) => a.shipping_first_name === "S4");
    expect(primaryIds(data.shipping_addresses)).toEqual([s4.shipping_id]);
    expect(data.shipping_addresses.find((a: any) => a.shipping_id === list[0].shipping_id).primary).toBe(false);
  });

  it("answers only the fields that were given", async () => {
    const id = await newCustomer(m);
    const data = await addAddress(m, id, { shipping_first_name: "Min", shipping_last_name: "Imal", shipping_city: null });
    const a = data.shipping_addresses[0];
    expect(a).toEqual({ shipping_id: a.shipping_id, shipping_first_name: "Min", shipping_last_name: "Imal", primary: true });
  });

  it.each([
    { name: "no shipping_first_name", body: { shipping_last_name: "Lee" }, field: "shipping_first_name" },
    { name: "no shipping_last_name", body: { shipping_first_name: "Ada" }, field: "shipping_last_name" },
    { name: "an empty shipping_first_name", body: { shipping_first_name: "", shipping_last_name: "Lee" }, field: "shipping_first_name" },
    { name: "a null shipping_last_name", body: { shipping_first_name: "Ada", shipping_last_name: null }, field: "shipping_last_name" },
    { name: "a 33-character shipping_first_name", body: address("A".repeat(33)), field: "shipping_first_name" },
    { name: "shipping_zip4 of 5 digits", body: address("Ada", { shipping_zip4: "12345" }), field: "shipping_zip4" },
    { name: "shipping_zip of 11 characters", body: address("Ada", { shipping_zip: "12345678901" }), field: "shipping_zip" },
    { name: "shipping_state of 4 characters", body: address("Ada", { shipping_state: "TEXA" }), field: "shipping_state" },
    { name: "shipping_country_code of 2 characters", body: address("Ada", { shipping_country_code: "US" }), field: "shipping_country_code" },
    { name: "primary as a string", body: address("Ada", { primary: "yes" }), field: "primary" },
  ])("refuses $name with 400 naming $field, storing nothing", async ({ body, field }) => {
    const { id, list } = await threeAddresses(m);
    const res = await m.api.post(`/vault/customer/${id}/shipping`, body);
    expect400(res, field);
    expect(await listAddresses(m, id)).toEqual(list);
  });

  it("answers 404 for an unknown customer and for another merchant's customer", async () => {
    const unknown = await m.api.post(`/vault/customer/${uniqueCustomerId()}/shipping`, address("Ghost"));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(7);
    const other = await newMerchant("Shipping add foreign");
    const theirs = await newCustomer(other);
    const res = await m.api.post(`/vault/customer/${theirs}/shipping`, address("Intruder"));
    expect(res.status).toBe(404);
    expect(await listAddresses(other, theirs)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

describe("GET /vault/customer/{id}/shipping (list)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Shipping list");
  });

  it("answers {data: {shipping_addresses: [...]}}, empty for a customer without addresses", async () => {
    const id = await newCustomer(m);
    const empty = await m.api.get(`/vault/customer/${id}/shipping`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ code: 0, message: "Success", data: { shipping_addresses: [] } });

    const { id: id2, list } = await threeAddresses(m);
    const res = await m.api.get(`/vault/customer/${id2}/shipping`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data)).toEqual(["shipping_addresses"]);
    expect(res.body.data.shipping_addresses).toEqual(list);
  });

  it("answers 404 for an unknown customer", async () => {
    const res = await m.api.get(`/vault/customer/${uniqueCustomerId()}/shipping`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(7);
  });
});

// ---------------------------------------------------------------------------

describe("PUT /vault/customer/{id}/shipping (update)", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Shipping update");
  });

  it("updates the named address; omitted optional fields stay, null clears", async () => {
    const id = await newCustomer(m);
    const created = (
      await addAddress(
        m,
        id,
        address("Ada", { shipping_addr1: "1 Main St", shipping_addr2: "Apt 2", shipping_city: "Austin", shipping_zip: "73301", shipping_state: "TX" }),
      )
    ).shipping_addresses[0];
    const res = await m.api.put(`/vault/customer/${id}/shipping`, {
      shipping_id: created.shipping_id,
      shipping_first_name: "Ann",
      shipping_last_name: "Lee",
      shipping_city: "Dallas",
      shipping_addr2: null,
    });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    const expected = { ...created, shipping_first_name: "Ann", shipping_city: "Dallas" };
    delete expected.shipping_addr2;
    expect(res.body.data.shipping_addresses).toEqual([expected]);
    expect(res.body.data.customer_id).toBe(id);
    expect(await listAddresses(m, id)).toEqual([expected]);
  });

  it("leaves the other addresses alone", async () => {
    const { id, list } = await threeAddresses(m);
    const res = await m.api.put(`/vault/customer/${id}/shipping`, { shipping_id: list[1].shipping_id, shipping_first_name: "S2b", shipping_last_name: "Lee" });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.shipping_addresses).toEqual([list[0], { ...list[1], shipping_first_name: "S2b" }, list[2]]);
  });

  it("switches the primary address with primary: true", async () => {
    const { id, list } = await threeAddresses(m);
    const res = await m.api.put(`/vault/customer/${id}/shipping`, {
      shipping_id: list[2].shipping_id,
      shipping_first_name: "S3",
      shipping_last_name: "Lee",
      primary: true,
    });
    expect(res.status, json(res.body)).toBe(200);
    expect(primaryIds(res.body.data.shipping_addresses)).toEqual([list[2].shipping_id]);
    expect(primaryIds(await listAddresses(m, id))).toEqual([list[2].shipping_id]);
  });

  it.each([
    { name: "no shipping_id", body: () => address("X"), field: "shipping_id" },
    { name: "a string shipping_id", body: (sid: number) => address("X", { shipping_id: String(sid) }), field: "shipping_id" },
    { name: "a fractional shipping_id", body: (sid: number) => address("X", { shipping_id: sid + 0.5 }), field: "shipping_id" },
    { name: "a negative shipping_id", body: () => address("X", { shipping_id: -1 }), field: "shipping_id" },
    { name: "no shipping_first_name", body: (sid: number) => ({ shipping_id: sid, shipping_last_name: "Lee" }), field: "shipping_first_name" },
    { name: "no shipping_last_name", body: (sid: number) => ({ shipping_id: sid, shipping_first_name: "X" }), field: "shipping_last_name" },
    { name: "shipping_zip4 of 5 digits", body: (sid: number) => address("X", { shipping_id: sid, shipping_zip4: "12345" }), field: "shipping_zip4" },
    { name: "primary as a string", body: (sid: number) => address("X", { shipping_id: sid, primary: "yes" }), field: "primary" },
  ])("refuses $name with 400 naming $field, changing nothing", async ({ body, field }) => {
    const { id, list } = await threeAddresses(m);
    const res = await m.api.put(`/vault/customer/${id}/shipping`, body(list[1].shipping_id));
    expect400(res, field);
    expect(await listAddresses(m, id)).toEqual(list);
  });

  it("answers 404 for an unknown shipping_id and for another customer's address", async () => {
    const { id, list } = await threeAddresses(m);
    const other = await threeAddresses(m);
    for (const sid of [999_999_999, 9_999_999_999, other.list[0].shipping_id]) {
      const res = await m.api.put(`/vault/customer/${id}/shipping`, address("X", { shipping_id: sid }));
      expect(res.status, json(res.body)).toBe(404);
      expect(res.body.code).toBe(7);
    }
    expect(await listAddresses(m, id)).toEqual(list);
    expect(await listAddresses(m, other.id)).toEqual(other.list);
  });
});

// ---------------------------------------------------------------------------

describe("DELETE /vault/customer/{id}/shipping/{shipping_id}", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Shipping delete");
  });

  it("deletes a non-primary address and answers the customer without it", async () => {
    const { id, list } = await threeAddresses(m);
    const res = await m.api.delete(`/vault/customer/${id}/shipping/${list[1].shipping_id}`);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    expect(res.body.data.customer_id).toBe(id);
    expect(res.body.data.shipping_addresses).toEqual([list[0], list[2]]);
    expect(await listAddresses(m, id)).toEqual([list[0], list[2]]);
  });

  it("makes the OLDEST remaining address primary when the primary is deleted", async () => {
    const { id, list } = await threeAddresses(m);
    const [s1, s2, s3] = list;
    // S2 (the middle one) is made primary; deleting it must promote S1 (oldest), not S3.
    await m.api.put(`/vault/customer/${id}/shipping/primary`, { shipping_id: s2.shipping_id });
    const res = await m.api.delete(`/vault/customer/${id}/shipping/${s2.shipping_id}`);
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.shipping_addresses).toEqual([
      { ...s1, primary: true },
      { ...s3, primary: false },
    ]);

    const again = await m.api.delete(`/vault/customer/${id}/shipping/${s1.shipping_id}`);
    expect(again.status).toBe(200);
    expect(again.body.data.shipping_addresses).toEqual([{ ...s3, primary: true }]);

    const last = await m.api.delete(`/vault/customer/${id}/shipping/${s3.shipping_id}`);
    expect(last.status).toBe(200);
    expect(last.body.data.shipping_addresses).toEqual([]);
  });

  it("answers 404 for an unknown shipping_id, an already deleted one, and another customer's", async () => {
    const { id, list } = await threeAddresses(m);
    const other = await threeAddresses(m);
    const gone = (await m.api.delete(`/vault/customer/${id}/shipping/${list[2].shipping_id}`)).body.data.shipping_addresses;
    for (const sid of [999_999_999, list[2].shipping_id, other.list[0].shipping_id]) {
      const res = await m.api.delete(`/vault/customer/${id}/shipping/${sid}`);
      expect(res.status, json(res.body)).toBe(404);
      expect(res.body.code).toBe(7);
    }
    expect(await listAddresses(m, id)).toEqual(gone);
    expect(await listAddresses(m, other.id)).toEqual(other.list);
  });

  it.each(["abc", "1.5", "-1", "1e3", "12345678901"])("answers 400 for the non-numeric or out-of-range shipping_id %s", async (bad) => {
    const { id, list } = await threeAddresses(m);
    const res = await m.api.delete(`/vault/customer/${id}/shipping/${bad}`);
    expect400(res);
    expect(await listAddresses(m, id)).toEqual(list);
  });

  it("answers 404 (not a server error) for the largest shipping_id the API accepts, 9999999999", async () => {
    const { id, list } = await threeAddresses(m);
    const res = await m.api.delete(`/vault/customer/${id}/shipping/9999999999`);
    expect(res.status, json(res.body)).toBe(404);
    expect(res.body.code).toBe(7);
    expect(await listAddresses(m, id)).toEqual(list);
  });

  it("answers 404 for an unknown customer", async () => {
    const res = await m.api.delete(`/vault/customer/${uniqueCustomerId()}/shipping/1`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(7);
  });
});

// ---------------------------------------------------------------------------

describe("PUT /vault/customer/{id}/shipping/primary", () => {
  let m: TestMerchant;
  beforeAll(async () => {
    m = await newMerchant("Shipping primary");
  });

  it("makes the named address the only primary one", async () => {
    const { id, list } = await threeAddresses(m);
    const res = await m.api.put(`/vault/customer/${id}/shipping/primary`, { shipping_id: list[2].shipping_id });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.code).toBe(0);
    expect(res.body.data.shipping_addresses.map((a: any) => a.primary)).toEqual([false, false, true]);
    const again = await m.api.put(`/vault/customer/${id}/shipping/primary`, { shipping_id: list[2].shipping_id });
    expect(primaryIds(again.body.data.shipping_addresses)).toEqual([list[2].shipping_id]);
    const back = await m.api.put(`/vault/customer/${id}/shipping/primary`, { shipping_id: list[0].shipping_id });
    expect(primaryIds(back.body.data.shipping_addresses)).toEqual([list[0].shipping_id]);
    expect(primaryIds(await listAddresses(m, id))).toEqual([list[0].shipping_id]);
  });

  it("answers 404 for an unknown shipping_id and another customer's; 400 for a missing or string one", async () => {
    const { id, list } = await threeAddresses(m);
    const other = await threeAddresses(m);
    for (const sid of [999_999_999, 9_999_999_999, other.list[1].shipping_id]) {
      const res = await m.api.put(`/vault/customer/${id}/shipping/primary`, { shipping_id: sid });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(7);
    }
    expect400(await m.api.put(`/vault/customer/${id}/shipping/primary`, {}), "shipping_id");
    expect400(await m.api.put(`/vault/customer/${id}/shipping/primary`, { shipping_id: String(list[1].shipping_id) }), "shipping_id");
    expect(await listAddresses(m, id)).toEqual(list);
    expect(await listAddresses(m, other.id)).toEqual(other.list);
  });
});
