// Request-level errors across every Customer Vault route: content type, body
// size, malformed bodies, malformed ids in the path, wrong types and field
// lengths. After every rejected request, nothing has changed.
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import http from "node:http";
import { futureExpiry, newMerchant, uniqueCustomerId, type TestMerchant, json } from "../support/fixtures";
import { basicAuth } from "../support/api-client";
import { generateTestCardNumber } from "@/lib/cards/test-cards";

// ---- tiny helpers (local to this file) ----

const visa = () => generateTestCardNumber("4", 16);
const card = (extra: Record<string, unknown> = {}) => ({ card_number: visa(), exp_date: futureExpiry(), billing_zip: "94402", ...extra });
const address = (extra: Record<string, unknown> = {}) => ({ shipping_first_name: "Ada", shipping_last_name: "Lee", ...extra });
const MB = 1024 * 1024;

function expectError(res: { status: number; body: any }, status: number, code: number) {
  expect(res.status, json(res.body)).toBe(status);
  expect(res.body?.code, json(res.body)).toBe(code);
  expect(typeof res.body.message).toBe("string");
}

function expect400(res: { status: number; body: any }, field: string) {
  expectError(res, 400, 6);
  expect(Object.keys(res.body.data ?? {}), json(res.body)).toContain(field);
}

/** The merchant's state as the API shows it: one customer in full, and the customer count. */
type State = { customer: any; total: number };

type Ctx = { m: TestMerchant; customerId: string; cardId: string; shippingId: number };

async function setup(name: string): Promise<Ctx> {
  const m = await newMerchant(name);
  const customerId = uniqueCustomerId();
  const res = await m.api.post("/vault/customer", {
    customer_id: customerId,
    customer_first_name: "Ada",
    customer_last_name: "Lee",
    customer_email: "ada@example.com",
    billing_cards: [card({ billing_city: "Paris" })],
    shipping_addresses: [address({ shipping_city: "Austin" })],
  });
  expect(res.status, json(res.body)).toBe(200);
  return { m, customerId, cardId: res.body.data.billing_cards[0].card_id, shippingId: res.body.data.shipping_addresses[0].shipping_id };
}

async function state(ctx: Ctx): Promise<State> {
  const customer = await ctx.m.api.get(`/vault/customer/${ctx.customerId}`);
  expect(customer.status).toBe(200);
  const browse = await ctx.m.api.get("/vault/customer?count=1");
  expect(browse.status).toBe(200);
  return { customer: customer.body.data, total: browse.body.totalRecords };
}

/** Every route that takes a JSON body, with a body it would accept. */
type BodyRoute = { name: string; method: "POST" | "PUT"; path: (c: Ctx) => string; body: (c: Ctx) => Record<string, unknown> };
const NEW_ID = () => uniqueCustomerId("N");
const BODY_ROUTES: BodyRoute[] = [
  { name: "POST /vault/customer", method: "POST", path: () => "/vault/customer", body: () => ({ customer_id: NEW_ID(), customer_first_name: "New" }) },
  { name: "PUT /vault/customer/{id}", method: "PUT", path: (c) => `/vault/customer/${c.customerId}`, body: () => ({ customer_first_name: "Changed" }) },
  { name: "POST .../billing", method: "POST", path: (c) => `/vault/customer/${c.customerId}/billing`, body: () => card() },
  {
    name: "PUT .../billing",
    method: "PUT",
    path: (c) => `/vault/customer/${c.customerId}/billing`,
    body: (c) => ({ card_id: c.cardId, billing_city: "Changed" }),
  },
  { name: "PUT .../billing/delete", method: "PUT", path: (c) => `/vault/customer/${c.customerId}/billing/delete`, body: (c) => ({ card_id: c.cardId }) },
  { name: "PUT .../billing/primary", method: "PUT", path: (c) => `/vault/customer/${c.customerId}/billing/primary`, body: (c) => ({ card_id: c.cardId }) },
  { name: "POST .../shipping", method: "POST", path: (c) => `/vault/customer/${c.customerId}/shipping`, body: () => address({ shipping_first_name: "New" }) },
  {
    name: "PUT .../shipping",
    method: "PUT",
    path: (c) => `/vault/customer/${c.customerId}/shipping`,
    body: (c) => address({ shipping_id: c.shippingId, shipping_first_name: "Changed" }),
  },
  {
    name: "PUT .../shipping/primary",
    method: "PUT",
    path: (c) => `/vault/customer/${c.customerId}/shipping/primary`,
    body: (c) => ({ shipping_id: c.shippingId }),
  },
];

/** Every route that names a customer in its path. */
type PathRoute = { name: string; method: "GET" | "POST" | "PUT" | "DELETE"; path: (id: string, c: Ctx) => string; body?: (c: Ctx) => unknown };
const PATH_ROUTES: PathRoute[] = [
  { name: "GET /vault/customer/{id}", method: "GET", path: (id) => `/vault/customer/${id}` },
  { name: "PUT /vault/customer/{id}", method: "PUT", path: (id) => `/vault/customer/${id}`, body: () => ({ customer_first_name: "X" }) },
  { name: "DELETE /vault/customer/{id}", method: "DELETE", path: (id) => `/vault/customer/${id}` },
  { name: "GET .../billing", method: "GET", path: (id) => `/vault/customer/${id}/billing` },
  { name: "POST .../billing", method: "POST", path: (id) => `/vault/customer/${id}/billing`, body: () => card() },
  { name: "PUT .../billing", method: "PUT", path: (id) => `/vault/customer/${id}/billing`, body: (c) => ({ card_id: c.cardId, billing_city: "X" }) },
  { name: "PUT .../billing/delete", method: "PUT", path: (id) => `/vault/customer/${id}/billing/delete`, body: (c) => ({ card_id: c.cardId }) },
  { name: "PUT .../billing/primary", method: "PUT", path: (id) => `/vault/customer/${id}/billing/primary`, body: (c) => ({ card_id: c.cardId }) },
  { name: "GET .../shipping", method: "GET", path: (id) => `/vault/customer/${id}/shipping` },
  { name: "POST .../shipping", method: "POST", path: (id) => `/vault/customer/${id}/shipping`, body: () => address() },
  { name: "PUT .../shipping", method: "PUT", path: (id) => `/vault/customer/${id}/shipping`, body: (c) => address({ shipping_id: c.shippingId }) },
  { name: "PUT .../shipping/primary", method: "PUT", path: (id) => `/vault/customer/${id}/shipping/primary`, body: (c) => ({ shipping_id: c.shippingId }) },
  { name: "DELETE .../shipping/{shipping_id}", method: "DELETE", path: (id, c) => `/vault/customer/${id}/shipping/${c.shippingId}` },
];

/**
 * POSTs `text` with Transfer-Encoding: chunked (no Content-Length), in 64 KiB
 * chunks, through node:http (fetch's streaming upload waits for the whole
 * body to be taken, which a server that stops reading never does).
 */
function postChunked(apiKey: string, path: string, text: string): Promise<{ status: number; body: any }> {
  const url = new URL(`${inject("baseUrl")}/platform${path}`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { "content-type": "application/json", authorization: basicAuth(apiKey), "transfer-encoding": "chunked" },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => {
          let parsed: unknown = body;
          try {
            parsed = JSON.parse(body);
          } catch {
            // keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on("error", reject);
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    const pump = () => {
      while (offset < bytes.length) {
        const chunk = bytes.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

async function send(ctx: Ctx, method: string, path: string, body: string | undefined, contentType = "application/json") {
  return ctx.m.api.raw(path, { method, headers: body === undefined ? {} : { "content-type": contentType }, body });
}

// ---------------------------------------------------------------------------

describe("Content-Type other than application/json → 415 (code 11)", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Errors 415");
  });

  it.each(BODY_ROUTES)("$name", async (route) => {
    const before = await state(ctx);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"]) {
      const res = await send(ctx, route.method, route.path(ctx), json(route.body(ctx)), type);
      expectError(res, 415, 11);
    }
    // No Content-Type at all is not JSON either.
    const none = await ctx.m.api.raw(route.path(ctx), { method: route.method, body: new Blob([json(route.body(ctx))]) });
    expectError(none, 415, 11);
    expect(await state(ctx)).toEqual(before);
  });

  it("accepts application/json with a charset parameter", async () => {
    const id = uniqueCustomerId();
    const res = await send(ctx, "POST", "/vault/customer", json({ customer_id: id, customer_first_name: "Charset" }), "application/json; charset=utf-8");
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.customer_id).toBe(id);
  });
});

// ---------------------------------------------------------------------------

describe("Body over 1 MB → 413 (code 10)", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Errors 413");
  });

  /** The route's valid body, padded with an unknown field to exactly `bytes` bytes. */
  function padded(body: Record<string, unknown>, bytes: number): string {
    const base = json({ ...body, padding: "" });
    const text = json({ ...body, padding: "x".repeat(bytes - Buffer.byteLength(base)) });
    expect(Buffer.byteLength(text)).toBe(bytes);
    return text;
  }

  it.each(BODY_ROUTES)("$name", async (route) => {
    const before = await state(ctx);
    const res = await send(ctx, route.method, route.path(ctx), padded(route.body(ctx), MB + 1));
    expectError(res, 413, 10);
    expect(await state(ctx)).toEqual(before);
  });

  it("refuses a chunked body (no Content-Length) once it passes 1 MB", async () => {
    const before = await state(ctx);
    const text = padded({ customer_id: uniqueCustomerId(), customer_first_name: "Chunked" }, 2 * MB);
    const res = await postChunked(ctx.m.apiKey, "/vault/customer", text);
    expectError(res, 413, 10);
    expect(await state(ctx)).toEqual(before);
  });

  it("accepts a body of exactly 1 MB (1,048,576 bytes)", async () => {
    const id = uniqueCustomerId();
    const res = await send(ctx, "POST", "/vault/customer", padded({ customer_id: id, customer_first_name: "Big" }, MB));
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.customer_id).toBe(id);
    expect(res.body.data).not.toHaveProperty("padding");
  });
});

// ---------------------------------------------------------------------------

describe("Bodies that are not a JSON object → 400 (code 6)", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Errors bad JSON");
  });

  const BAD_BODIES = [
    { name: "malformed JSON", text: '{"customer_first_name": "Ada",' },
    { name: "single-quoted JSON", text: "{'customer_first_name': 'Ada'}" },
    { name: "an empty body", text: "" },
    { name: "a JSON array", text: "[]" },
    { name: "a JSON array of objects", text: '[{"customer_first_name": "Ada"}]' },
    { name: "JSON null", text: "null" },
    { name: "a JSON string", text: '"hello"' },
    { name: "a JSON number", text: "42" },
  ];
  const cases = BODY_ROUTES.flatMap((route) => BAD_BODIES.map((bad) => ({ ...bad, route, label: `${route.name} with ${bad.name}` })));

  it.each(cases)("$label", async ({ route, text }) => {
    const before = await state(ctx);
    const res = await send(ctx, route.method, route.path(ctx), text);
    expectError(res, 400, 6);
    expect(res.body.data && typeof res.body.data).toBe("object");
    expect(await state(ctx)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------

describe("customer_id in the path: malformed → 400, well-formed unknown → 404", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Errors path");
  });

  const MALFORMED = [
    { name: "with a hyphen", id: "abc-123" },
    { name: "with an underscore", id: "abc_123" },
    { name: "of 33 characters", id: "A".repeat(33) },
    { name: "with a space", id: "abc%20123" },
    { name: "with a non-ASCII letter", id: "caf%C3%A9" },
  ];
  const malformedCases = PATH_ROUTES.flatMap((route) => MALFORMED.map((bad) => ({ route, ...bad, label: `${route.name}, id ${bad.name}` })));

  it.each(malformedCases)("$label → 400 naming customer_id", async ({ route, id }) => {
    const before = await state(ctx);
    const body = route.body ? json(route.body(ctx)) : undefined;
    const res = await send(ctx, route.method, route.path(id, ctx), body);
    expect400(res, "customer_id");
    expect(await state(ctx)).toEqual(before);
  });

  it.each(PATH_ROUTES)("$name with a well-formed unknown id → 404 (code 7)", async (route) => {
    const before = await state(ctx);
    const body = route.body ? json(route.body(ctx)) : undefined;
    for (const id of [
      uniqueCustomerId("U"),
      "B".repeat(32),
      ctx.customerId.toUpperCase() === ctx.customerId ? ctx.customerId.toLowerCase() : ctx.customerId.toUpperCase(),
    ]) {
      const res = await send(ctx, route.method, route.path(id, ctx), body);
      expectError(res, 404, 7);
    }
    expect(await state(ctx)).toEqual(before);
  });

  it("accepts a 32-character customer_id", async () => {
    const id = "Z".repeat(31) + "9";
    const add = await ctx.m.api.post("/vault/customer", { customer_id: id, customer_first_name: "Long" });
    expect(add.status, json(add.body)).toBe(200);
    const get = await ctx.m.api.get(`/vault/customer/${id}`);
    expect(get.status).toBe(200);
    expect(get.body.data.customer_id).toBe(id);
  });

  it.each([
    { name: "with a hyphen", id: "abc-123" },
    { name: "of 33 characters", id: "A".repeat(33) },
    { name: "empty", id: "" },
  ])("refuses a customer_id $name in an add body (400), storing nothing", async ({ id }) => {
    const before = await state(ctx);
    const res = await ctx.m.api.post("/vault/customer", { customer_id: id, customer_first_name: "Bad" });
    expect400(res, "customer_id");
    expect(await state(ctx)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------

describe("Wrong types → 400 naming the field", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Errors types");
  });

  const CASES: { name: string; method: "POST" | "PUT"; path: (c: Ctx) => string; body: (c: Ctx) => Record<string, unknown>; field: string }[] = [
    {
      name: "customer_first_name: 5 on add",
      method: "POST",
      path: () => "/vault/customer",
      body: () => ({ customer_id: NEW_ID(), customer_first_name: 5 }),
      field: "customer_first_name",
    },
    {
      name: "customer_first_name: 5 on update",
      method: "PUT",
      path: (c) => `/vault/customer/${c.customerId}`,
      body: () => ({ customer_first_name: 5 }),
      field: "customer_first_name",
    },
    {
      name: "customer_last_name: true on update",
      method: "PUT",
      path: (c) => `/vault/customer/${c.customerId}`,
      body: () => ({ customer_last_name: true }),
      field: "customer_last_name",
    },
    {
      name: "customer_email: [] on add",
      method: "POST",
      path: () => "/vault/customer",
      body: () => ({ customer_id: NEW_ID(), customer_first_name: "A", customer_email: [] }),
      field: "customer_email",
    },
    {
      name: "customer_id: 123 on add",
      method: "POST",
      path: () => "/vault/customer",
      body: () => ({ customer_id: 123, customer_first_name: "A" }),
      field: "customer_id",
    },
    {
      name: 'auto_generate_customer_id: "true"',
      method: "POST",
      path: () => "/vault/customer",
      body: () => ({ auto_generate_customer_id: "true", customer_first_name: "A" }),
      field: "auto_generate_customer_id",
    },
    {
      name: "billing_cards as an object",
      method: "POST",
      path: () => "/vault/customer",
      body: () => ({ customer_id: NEW_ID(), customer_first_name: "A", billing_cards: card() }),
      field: "billing_cards",
    },
    {
      name: "shipping_addresses as a string",
      method: "POST",
      path: () => "/vault/customer",
      body: () => ({ customer_id: NEW_ID(), customer_first_name: "A", shipping_addresses: "none" }),
      field: "shipping_addresses",
    },
    {
      name: 'primary: "yes" on a card in an add',
      method: "POST",
      path: () => "/vault/customer",
      body: () => ({ customer_id: NEW_ID(), customer_first_name: "A", billing_cards: [card({ primary: "yes" })] }),
      field: "billing_cards[0].primary",
    },
    {
      name: 'primary: "yes" on POST billing',
      method: "POST",
      path: (c) => `/vault/customer/${c.customerId}/billing`,
      body: () => card({ primary: "yes" }),
      field: "primary",
    },
    {
      name: 'primary: "yes" on PUT billing',
      method: "PUT",
      path: (c) => `/vault/customer/${c.customerId}/billing`,
      body: (c) => ({ card_id: c.cardId, primary: "yes" }),
      field: "primary",
    },
    {
      name: 'primary: "yes" on POST shipping',
      method: "POST",
      path: (c) => `/vault/customer/${c.customerId}/shipping`,
      body: () => address({ primary: "yes" }),
      field: "primary",
    },
    {
      name: 'primary: "yes" on PUT shipping',
      method: "PUT",
      path: (c) => `/vault/customer/${c.customerId}/shipping`,
      body: (c) => address({ shipping_id: c.shippingId, primary: "yes" }),
      field: "primary",
    },
    {
      name: "exp_date: 1230 (a number)",
      method: "POST",
      path: (c) => `/vault/customer/${c.customerId}/billing`,
      body: () => card({ exp_date: 1230 }),
      field: "exp_date",
    },
    {
      name: "billing_zip: 94402 (a number)",
      method: "POST",
      path: (c) => `/vault/customer/${c.customerId}/billing`,
      body: () => card({ billing_zip: 94402 }),
      field: "billing_zip",
    },
    {
      name: "card_id: 5 on billing/primary",
      method: "PUT",
      path: (c) => `/vault/customer/${c.customerId}/billing/primary`,
      body: () => ({ card_id: 5 }),
      field: "card_id",
    },
    {
      name: 'shipping_id: "1" on shipping/primary',
      method: "PUT",
      path: (c) => `/vault/customer/${c.customerId}/shipping/primary`,
      body: (c) => ({ shipping_id: String(c.shippingId) }),
      field: "shipping_id",
    },
    {
      name: "shipping_first_name: {} on POST shipping",
      method: "POST",
      path: (c) => `/vault/customer/${c.customerId}/shipping`,
      body: () => address({ shipping_first_name: {} }),
      field: "shipping_first_name",
    },
  ];

  it.each(CASES)("$name", async ({ method, path, body, field }) => {
    const before = await state(ctx);
    const sent = body(ctx);
    const res = await send(ctx, method, path(ctx), json(sent));
    expect400(res, field);
    expect(await state(ctx)).toEqual(before);
    if (typeof sent.customer_id === "string") expect((await ctx.m.api.get(`/vault/customer/${sent.customer_id}`)).status).toBe(404);
  });
});

// ---------------------------------------------------------------------------

describe("Field lengths from the reference → 400 naming the field", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Errors lengths");
  });

  // [field, too long / invalid value, the longest accepted value]
  const CUSTOMER_FIELDS: { field: string; bad: string; good: string }[] = [
    { field: "customer_first_name", bad: "F".repeat(33), good: "F".repeat(32) },
    { field: "customer_last_name", bad: "L".repeat(33), good: "L".repeat(32) },
    { field: "customer_firm_name", bad: "M".repeat(65), good: "M".repeat(64) },
    { field: "customer_phone", bad: "5".repeat(17), good: "5".repeat(16) },
    { field: "customer_email", bad: `${"e".repeat(53)}@example.com`, good: `${"e".repeat(52)}@example.com` },
    { field: "customer_email", bad: "not-an-email", good: "a@b.co" },
    { field: "reference_id", bad: "R".repeat(129), good: "R".repeat(128) },
    { field: "comments", bad: "C".repeat(129), good: "C".repeat(128) },
    { field: "developer_id", bad: "D".repeat(33), good: "D".repeat(32) },
  ];

  it("the email cases are the intended lengths", () => {
    expect(`${"e".repeat(53)}@example.com`).toHaveLength(65);
    expect(`${"e".repeat(52)}@example.com`).toHaveLength(64);
  });

  it.each(CUSTOMER_FIELDS)("add with $field = $bad.length chars → 400; $good.length chars is accepted", async ({ field, bad, good }) => {
    const before = await state(ctx);
    const badId = uniqueCustomerId();
    const res = await ctx.m.api.post("/vault/customer", { customer_id: badId, customer_first_name: "A", [field]: bad });
    expect400(res, field);
    expect(await state(ctx)).toEqual(before);
    expect((await ctx.m.api.get(`/vault/customer/${badId}`)).status).toBe(404);

    const goodId = uniqueCustomerId();
    const ok = await ctx.m.api.post("/vault/customer", { customer_id: goodId, customer_first_name: "A", [field]: good });
    expect(ok.status, json(ok.body)).toBe(200);
    expect(ok.body.data[field]).toBe(good);
  });

  it.each(CUSTOMER_FIELDS)("update with $field = $bad.length chars → 400, nothing changed", async ({ field, bad }) => {
    const before = await state(ctx);
    const res = await ctx.m.api.put(`/vault/customer/${ctx.customerId}`, { customer_last_name: "Changed", [field]: bad });
    expect400(res, field);
    expect(await state(ctx)).toEqual(before);
  });

  it("billing_first_name of 33 characters → 400 on add card, on update card and inside an add", async () => {
    const before = await state(ctx);
    expect400(await ctx.m.api.post(`/vault/customer/${ctx.customerId}/billing`, card({ billing_first_name: "B".repeat(33) })), "billing_first_name");
    expect400(
      await ctx.m.api.put(`/vault/customer/${ctx.customerId}/billing`, { card_id: ctx.cardId, billing_first_name: "B".repeat(33) }),
      "billing_first_name",
    );
    const id = uniqueCustomerId();
    expect400(
      await ctx.m.api.post("/vault/customer", { customer_id: id, customer_first_name: "A", billing_cards: [card({ billing_first_name: "B".repeat(33) })] }),
      "billing_cards[0].billing_first_name",
    );
    expect(await state(ctx)).toEqual(before);
    const ok = await ctx.m.api.put(`/vault/customer/${ctx.customerId}/billing`, { card_id: ctx.cardId, billing_first_name: "B".repeat(32) });
    expect(ok.status, json(ok.body)).toBe(200);
    expect(ok.body.data.billing_cards[0].billing_first_name).toBe("B".repeat(32));
  });

  it('shipping_zip4 "12345" → 400 on add address, on update address and inside an add', async () => {
    const before = await state(ctx);
    expect400(await ctx.m.api.post(`/vault/customer/${ctx.customerId}/shipping`, address({ shipping_zip4: "12345" })), "shipping_zip4");
    expect400(
      await ctx.m.api.put(`/vault/customer/${ctx.customerId}/shipping`, address({ shipping_id: ctx.shippingId, shipping_zip4: "12345" })),
      "shipping_zip4",
    );
    expect400(await ctx.m.api.post(`/vault/customer/${ctx.customerId}/shipping`, address({ shipping_zip4: "12a4" })), "shipping_zip4");
    const id = uniqueCustomerId();
    expect400(
      await ctx.m.api.post("/vault/customer", { customer_id: id, customer_first_name: "A", shipping_addresses: [address({ shipping_zip4: "12345" })] }),
      "shipping_addresses[0].shipping_zip4",
    );
    expect(await state(ctx)).toEqual(before);
    const ok = await ctx.m.api.put(`/vault/customer/${ctx.customerId}/shipping`, address({ shipping_id: ctx.shippingId, shipping_zip4: "1234" }));
    expect(ok.status, json(ok.body)).toBe(200);
    expect(ok.body.data.shipping_addresses[0].shipping_zip4).toBe("1234");
  });

  it("names every bad field of one request", async () => {
    const before = await state(ctx);
    const res = await ctx.m.api.post("/vault/customer", {
      customer_id: uniqueCustomerId(),
      customer_first_name: "F".repeat(33),
      customer_phone: "5".repeat(17),
      reference_id: "R".repeat(129),
    });
    expectError(res, 400, 6);
    expect(Object.keys(res.body.data)).toEqual(expect.arrayContaining(["customer_first_name", "customer_phone", "reference_id"]));
    expect(await state(ctx)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------

describe("Unknown body fields are ignored (200)", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Errors unknown fields");
  });

  const EXTRA = { favourite_colour: "blue", nested: { a: 1 }, list: [1, 2], card_pin: "1234" };

  it("on POST /vault/customer", async () => {
    const id = uniqueCustomerId();
    const res = await ctx.m.api.post("/vault/customer", { customer_id: id, customer_first_name: "Extra", ...EXTRA });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data).toEqual({ customer_id: id, node_id: ctx.m.merchantId, customer_first_name: "Extra", billing_cards: [], shipping_addresses: [] });
  });

  it("on PUT /vault/customer/{id}", async () => {
    const before = await state(ctx);
    const res = await ctx.m.api.put(`/vault/customer/${ctx.customerId}`, { customer_last_name: "Extra", ...EXTRA });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data).toEqual({ ...before.customer, customer_last_name: "Extra" });
  });

  it("on POST .../billing and inside billing_cards", async () => {
    const res = await ctx.m.api.post(`/vault/customer/${ctx.customerId}/billing`, card({ ...EXTRA, billing_city: "Lyon" }));
    expect(res.status, json(res.body)).toBe(200);
    const added = res.body.data.billing_cards.find((c: any) => c.billing_city === "Lyon");
    expect(Object.keys(added)).not.toContain("favourite_colour");
    expect(json(res.body)).not.toContain("favourite_colour");

    const id = uniqueCustomerId();
    const nested = await ctx.m.api.post("/vault/customer", {
      customer_id: id,
      customer_first_name: "N",
      billing_cards: [card(EXTRA)],
      shipping_addresses: [address(EXTRA)],
    });
    expect(nested.status, json(nested.body)).toBe(200);
    expect(nested.body.data.billing_cards).toHaveLength(1);
    expect(nested.body.data.shipping_addresses).toHaveLength(1);
    expect(json(nested.body)).not.toContain("favourite_colour");
  });

  it("on PUT .../billing and on POST/PUT .../shipping", async () => {
    const upd = await ctx.m.api.put(`/vault/customer/${ctx.customerId}/billing`, { card_id: ctx.cardId, billing_city: "Nice", ...EXTRA });
    expect(upd.status, json(upd.body)).toBe(200);
    expect(upd.body.data.billing_cards.find((c: any) => c.card_id === ctx.cardId).billing_city).toBe("Nice");
    const add = await ctx.m.api.post(`/vault/customer/${ctx.customerId}/shipping`, address({ shipping_first_name: "Xtra", ...EXTRA }));
    expect(add.status, json(add.body)).toBe(200);
    const ship = await ctx.m.api.put(`/vault/customer/${ctx.customerId}/shipping`, address({ shipping_id: ctx.shippingId, shipping_city: "Waco", ...EXTRA }));
    expect(ship.status, json(ship.body)).toBe(200);
    expect(json(ship.body)).not.toContain("favourite_colour");
  });
});

// ---------------------------------------------------------------------------

describe("merchant_id in a request", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Errors merchant_id");
  });

  it("is a 403 (code 3) when it names another merchant, and changes nothing", async () => {
    const other = await newMerchant("Errors merchant_id other");
    const before = await state(ctx);
    const id = uniqueCustomerId();
    const res = await ctx.m.api.post("/vault/customer", { merchant_id: other.merchantId, customer_id: id, customer_first_name: "X" });
    expectError(res, 403, 3);
    const upd = await ctx.m.api.put(`/vault/customer/${ctx.customerId}`, { merchant_id: other.merchantId, customer_first_name: "X" });
    expectError(upd, 403, 3);
    expect(await state(ctx)).toEqual(before);
    expect((await other.api.get(`/vault/customer/${id}`)).status).toBe(404);
  });

  it("is accepted when it is the key's own merchant", async () => {
    const id = uniqueCustomerId();
    const res = await ctx.m.api.post("/vault/customer", { merchant_id: ctx.m.merchantId, customer_id: id, customer_first_name: "Own" });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.node_id).toBe(ctx.m.merchantId);
  });
});

// ---------------------------------------------------------------------------

describe("Authentication comes first", () => {
  it("answers 401 (code 2) without a key, even for a malformed request, and stores nothing", async () => {
    const ctx = await setup("Errors auth");
    const before = await state(ctx);
    const url = `${inject("baseUrl")}/platform/vault/customer`;
    const attempts: RequestInit[] = [
      { method: "POST", headers: { "content-type": "application/json" }, body: json({ customer_id: uniqueCustomerId(), customer_first_name: "X" }) },
      { method: "POST", headers: { "content-type": "text/plain" }, body: "x" },
      { method: "POST", headers: { "content-type": "application/json", authorization: basicAuth("not-a-real-key") }, body: "{" },
    ];
    for (const init of attempts) {
      const res = await fetch(url, init);
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).code).toBe(2);
    }
    expect(await state(ctx)).toEqual(before);
  });
});
