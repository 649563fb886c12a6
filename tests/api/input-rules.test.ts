// Rules on what a request may carry, over HTTP (docs/api-contract.md, "Free
// text" and "Status codes and the envelope"), each a regression test for an
// outside review's finding:
// - a Luhn-valid card number in a free-text field was stored in cleartext and
//   returned: now a 400 naming the field, and nothing is stored;
// - control and bidirectional override characters were stored in names: now
//   a 400 naming the field;
// - a field of the wrong JSON type was reported as "is required": now the
//   message names the type expected;
// - a method a route does not serve got Next.js's bare 405 before the API
//   key was checked: now a 405 in the envelope with Allow, after the key.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { apiClient } from "../support/api-client";
import { futureExpiry, json, newMerchant, uniqueCustomerId, uniqueVisa, type TestMerchant } from "../support/fixtures";

const CARD = "4111111111111111";
const CARD_SPACED = "4111 1111 1111 1111";
const CARD_HYPHENATED = "4111-1111-1111-1111";
const CARD_MESSAGE = "must not contain a card number";
const CONTROL_MESSAGE = "must not contain control or bidirectional formatting characters";

type Ctx = { m: TestMerchant; customerId: string; cardId: string; shippingId: number; webhookId: number };

const card = (extra: Record<string, unknown> = {}) => ({ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402", ...extra });
const address = (extra: Record<string, unknown> = {}) => ({ shipping_first_name: "Ada", shipping_last_name: "Lee", ...extra });
const webhook = (extra: Record<string, unknown> = {}) => ({
  label: `hook-${Date.now().toString(36)}`,
  notification_url: "https://hooks.example.com/vault",
  events: ["vault_customer_created"],
  ...extra,
});

async function setup(name: string): Promise<Ctx> {
  const m = await newMerchant(name);
  const customerId = uniqueCustomerId();
  const res = await m.api.post("/vault/customer", {
    customer_id: customerId,
    customer_first_name: "Ada",
    billing_cards: [card()],
    shipping_addresses: [address()],
  });
  expect(res.status, json(res.body)).toBe(200);
  const hook = await m.api.post("/webhook", webhook());
  expect(hook.status, json(hook.body)).toBe(200);
  return {
    m,
    customerId,
    cardId: res.body.data.billing_cards[0].card_id,
    shippingId: res.body.data.shipping_addresses[0].shipping_id,
    webhookId: hook.body.data.webhook_id,
  };
}

/** Everything a refused request could have written for the merchant. */
async function state(ctx: Ctx) {
  const merchantId = BigInt(ctx.m.merchantId);
  const db = getDb();
  const customer = await ctx.m.api.get(`/vault/customer/${ctx.customerId}`);
  const hook = await ctx.m.api.get(`/webhook/${ctx.webhookId}`);
  return {
    customer: customer.body.data,
    webhook: { ...hook.body.data, db_timestamp: undefined },
    customers: await db.customer.count({ where: { merchantId } }),
    cards: await db.card.count({ where: { merchantId } }),
    addresses: await db.shippingAddress.count({ where: { merchantId } }),
    checkouts: await db.checkout.count({ where: { merchantId } }),
    webhooks: await db.webhook.count({ where: { merchantId } }),
  };
}

/** A request carrying `value` in one field; `field` is the key the 400 must name. */
type Case = { name: string; field: string; send: (c: Ctx, value: string) => Promise<{ status: number; body: any }> };

const FREE_TEXT_CASES: Case[] = [
  ...["customer_first_name", "customer_last_name", "customer_firm_name", "customer_phone", "reference_id", "comments", "developer_id"].map((field): Case => ({
    name: `POST /vault/customer ${field}`,
    field,
    send: (c, v) => c.m.api.post("/vault/customer", { customer_id: uniqueCustomerId("N"), customer_first_name: "New", [field]: v }),
  })),
  {
    name: "POST /vault/customer customer_id",
    field: "customer_id",
    send: (c, v) => c.m.api.post("/vault/customer", { customer_id: v.replace(/\D/g, ""), customer_first_name: "New" }),
  },
  {
    name: "POST /vault/customer customer_email",
    field: "customer_email",
    send: (c, v) =>
      c.m.api.post("/vault/customer", {
        customer_id: uniqueCustomerId("N"),
        customer_first_name: "New",
        customer_email: `${v.replace(/\s/g, "")}@example.com`,
      }),
  },
  {
    name: "POST /vault/customer billing_cards[0].billing_first_name",
    field: "billing_cards[0].billing_first_name",
    send: (c, v) =>
      c.m.api.post("/vault/customer", { customer_id: uniqueCustomerId("N"), customer_first_name: "New", billing_cards: [card({ billing_first_name: v })] }),
  },
  {
    name: "POST /vault/customer shipping_addresses[0].shipping_addr1",
    field: "shipping_addresses[0].shipping_addr1",
    send: (c, v) =>
      c.m.api.post("/vault/customer", { customer_id: uniqueCustomerId("N"), customer_first_name: "New", shipping_addresses: [address({ shipping_addr1: v })] }),
  },
  { name: "PUT /vault/customer/{id} comments", field: "comments", send: (c, v) => c.m.api.put(`/vault/customer/${c.customerId}`, { comments: v }) },
  {
    name: "PUT /vault/customer/{id} customer_last_name",
    field: "customer_last_name",
    send: (c, v) => c.m.api.put(`/vault/customer/${c.customerId}`, { customer_last_name: v }),
  },
  ...["billing_last_name", "billing_firm_name", "billing_addr1", "billing_city", "billing_country"].map((field): Case => ({
    name: `POST .../billing ${field}`,
    field,
    send: (c, v) => c.m.api.post(`/vault/customer/${c.customerId}/billing`, card({ [field]: v })),
  })),
  {
    name: "POST .../billing billing_email[0]",
    field: "billing_email[0]",
    send: (c, v) => c.m.api.post(`/vault/customer/${c.customerId}/billing`, card({ billing_email: [`${v.replace(/\s/g, "")}@example.com`] })),
  },
  ...["billing_first_name", "billing_addr2"].map((field): Case => ({
    name: `PUT .../billing ${field}`,
    field,
    send: (c, v) => c.m.api.put(`/vault/customer/${c.customerId}/billing`, { card_id: c.cardId, [field]: v }),
  })),
  ...["shipping_first_name", "shipping_last_name", "shipping_firm_name", "shipping_city", "shipping_country"].map((field): Case => ({
    name: `POST .../shipping ${field}`,
    field,
    send: (c, v) => c.m.api.post(`/vault/customer/${c.customerId}/shipping`, address({ [field]: v })),
  })),
  ...["shipping_addr2", "shipping_last_name"].map((field): Case => ({
    name: `PUT .../shipping ${field}`,
    field,
    send: (c, v) => c.m.api.put(`/vault/customer/${c.customerId}/shipping`, address({ shipping_id: c.shippingId, [field]: v })),
  })),
  {
    name: "POST /checkout customer_id (a new customer)",
    field: "customer_id",
    send: (c, v) => c.m.api.post("/checkout", { customer_id: v.replace(/\D/g, "") }),
  },
  ...["customer_first_name", "customer_last_name", "customer_phone"].map((field): Case => ({
    name: `POST /checkout ${field}`,
    field,
    send: (c, v) => c.m.api.post("/checkout", { customer_id: uniqueCustomerId("L"), [field]: v }),
  })),
  { name: "POST /webhook label", field: "label", send: (c, v) => c.m.api.post("/webhook", webhook({ label: v })) },
  {
    name: "POST /webhook email_address[0]",
    field: "email_address[0]",
    send: (c, v) => c.m.api.post("/webhook", webhook({ email_address: [`${v.replace(/\s/g, "")}@example.com`] })),
  },
  {
    name: "POST /webhook auth_settings.user_name",
    field: "auth_settings.user_name",
    send: (c, v) => c.m.api.post("/webhook", webhook({ auth_type: "BASIC", auth_settings: { user_name: v, user_password: "pw" } })),
  },
  { name: "PUT /webhook/{id} label", field: "label", send: (c, v) => c.m.api.put(`/webhook/${c.webhookId}`, { label: v }) },
];

describe("a card number in a free-text field → 400 naming the field, nothing stored", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Input rules: card numbers");
  });

  // Each field gets the bare number; spaced and hyphenated forms rotate
  // through the fields long enough to hold them (the log redacts all three).
  it.each(FREE_TEXT_CASES.map((c, i) => ({ ...c, value: [CARD, CARD_SPACED, CARD_HYPHENATED][i % 3] as string })))("$name", async (route) => {
    const before = await state(ctx);
    for (const value of new Set([CARD, route.value])) {
      const res = await route.send(ctx, value);
      expect(res.status, `${json(value)}: ${json(res.body)}`).toBe(400);
      expect(res.body.code).toBe(6);
      const message = res.body.data?.[route.field];
      // A field too short for the spaced form says so first; the bare number always hits the rule.
      if (value === CARD) expect(message, json(res.body)).toBe(CARD_MESSAGE);
      else expect([CARD_MESSAGE, expect.stringMatching(/^must be at most \d+ characters$/)]).toContainEqual(message);
    }
    expect(await state(ctx)).toEqual(before);
  });

  it("still accepts phone numbers, zips and long references that are not card numbers", async () => {
    const res = await ctx.m.api.post("/vault/customer", {
      customer_id: uniqueCustomerId("OK"),
      customer_first_name: "Ok",
      customer_phone: "+1 415 555 2671",
      reference_id: "order 4111111111111112 / 210000000289",
      comments: "first line\nsecond line",
      shipping_addresses: [address({ shipping_zip: "94402-1234" })],
    });
    expect(res.status, json(res.body)).toBe(200);
    expect(res.body.data.comments).toBe("first line\nsecond line");
  });
});

describe("control and bidirectional characters in a free-text field → 400 naming the field, nothing stored", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Input rules: control characters");
  });

  const VALUES = ["Ada\u0000", "Ada\u0007Lee", "\u001b[31mAda", "Ada\u007F", "\u202Egpj.exe", "Ada\u2066Lee", "Ada\nLee"];
  it.each(
    FREE_TEXT_CASES.filter((c) => c.field !== "customer_id" && !c.field.includes("email")).map((c, i) => ({
      ...c,
      value: VALUES[i % VALUES.length] as string,
    })),
  )("$name", async (route) => {
    const before = await state(ctx);
    // A line feed is allowed in comments only.
    const value = route.field === "comments" ? route.value.replace("\n", "\u0000") : route.value;
    const res = await route.send(ctx, value);
    expect(res.status, json(res.body)).toBe(400);
    expect(res.body.data?.[route.field], json(res.body)).toBe(CONTROL_MESSAGE);
    expect(await state(ctx)).toEqual(before);
  });
});

describe("a field of the wrong JSON type → a message naming the type expected", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Input rules: types");
  });

  const CASES: { name: string; field: string; message: string; send: (c: Ctx) => Promise<{ status: number; body: any }> }[] = [
    {
      name: "a number for a name",
      field: "customer_first_name",
      message: "must be a string",
      send: (c) => c.m.api.post("/vault/customer", { customer_id: uniqueCustomerId("T"), customer_first_name: 5 }),
    },
    {
      name: "an object for billing_cards",
      field: "billing_cards",
      message: "must be an array",
      send: (c) => c.m.api.post("/vault/customer", { customer_id: uniqueCustomerId("T"), customer_first_name: "T", billing_cards: {} }),
    },
    {
      name: "a string for a boolean",
      field: "auto_generate_customer_id",
      message: "must be true or false",
      send: (c) => c.m.api.post("/vault/customer", { auto_generate_customer_id: "yes", customer_first_name: "T" }),
    },
    {
      name: "a number for billing_zip",
      field: "billing_zip",
      message: "must be a string",
      send: (c) => c.m.api.post(`/vault/customer/${c.customerId}/billing`, card({ billing_zip: 94402 })),
    },
    {
      name: "a string for auth_settings",
      field: "auth_settings",
      message: "must be an object",
      send: (c) => c.m.api.post("/webhook", webhook({ auth_type: "BASIC", auth_settings: "user:pw" })),
    },
    // A field with its own wording keeps it.
    {
      name: "a string for shipping_id",
      field: "shipping_id",
      message: "must be an integer",
      send: (c) => c.m.api.put(`/vault/customer/${c.customerId}/shipping`, address({ shipping_id: String(c.shippingId) })),
    },
    // Missing, or null where null is not allowed, is still "is required".
    { name: "card_id missing", field: "card_id", message: "is required", send: (c) => c.m.api.put(`/vault/customer/${c.customerId}/billing`, {}) },
    { name: "card_id null", field: "card_id", message: "is required", send: (c) => c.m.api.put(`/vault/customer/${c.customerId}/billing`, { card_id: null }) },
  ];

  it.each(CASES)("$name", async (route) => {
    const before = await state(ctx);
    const res = await route.send(ctx);
    expect(res.status, json(res.body)).toBe(400);
    expect(res.body.data?.[route.field], json(res.body)).toBe(route.message);
    expect(await state(ctx)).toEqual(before);
  });
});

describe("a method a route does not serve → 405 in the envelope with Allow, after the API key", () => {
  let ctx: Ctx;
  beforeAll(async () => {
    ctx = await setup("Input rules: methods");
  });

  const CASES: { method: string; path: (c: Ctx) => string; allow: string }[] = [
    { method: "PATCH", path: () => "/vault/customer", allow: "GET, HEAD, POST, OPTIONS" },
    { method: "DELETE", path: () => "/vault/customer", allow: "GET, HEAD, POST, OPTIONS" },
    { method: "POST", path: (c) => `/vault/customer/${c.customerId}`, allow: "GET, HEAD, PUT, DELETE, OPTIONS" },
    { method: "GET", path: (c) => `/vault/customer/${c.customerId}/billing/delete`, allow: "PUT, OPTIONS" },
    { method: "PUT", path: (c) => `/vault/customer/${c.customerId}/shipping/${c.shippingId}`, allow: "DELETE, OPTIONS" },
    { method: "GET", path: () => "/checkout", allow: "POST, OPTIONS" },
    { method: "DELETE", path: (c) => `/webhook/${c.webhookId}`, allow: "GET, HEAD, PUT, OPTIONS" },
    { method: "POST", path: () => "/ping", allow: "GET, HEAD, OPTIONS" },
  ];

  it.each(CASES)("$method $allow", async (route) => {
    const before = await state(ctx);
    const res = await ctx.m.api.raw(route.path(ctx), { method: route.method });
    expect(res.status, json(res.body)).toBe(405);
    expect(res.body.code, json(res.body)).toBe(12);
    expect(typeof res.body.message).toBe("string");
    const methods = (header: string | null) => (header ?? "").split(", ").sort();
    expect(methods(res.headers.get("allow"))).toEqual(methods(route.allow));
    expect(res.headers.get("x-request-id")).toBeTruthy();

    const anonymous = await apiClient().raw(route.path(ctx), { method: route.method });
    expect(anonymous.status, json(anonymous.body)).toBe(401);
    expect(anonymous.body.code).toBe(2);
    expect(anonymous.headers.get("allow")).toBeNull();
    expect(await state(ctx)).toEqual(before);
  });
});
