// Authentication (who may call) and merchant isolation (what a key reaches):
// docs/api-contract.md, "Authentication and scope" (another merchant's ids
// are a 404; a merchant_id not the key's own is a 403).
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/merchants/api-keys";
import { apiClient, basicAuth, type ApiClient, type ApiResponse } from "../support/api-client";
import { futureExpiry, uniqueCustomerId, uniqueVisa, newMerchant, type TestMerchant } from "../support/fixtures";
import { customerBody, expectStatus } from "../support/security-suite";

function expectEnvelopeError(response: ApiResponse, status: number, code: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toMatchObject({ code });
  expect(typeof response.body.message).toBe("string");
}

describe("authentication", () => {
  let merchant: TestMerchant;
  beforeAll(async () => {
    merchant = await newMerchant("Auth Merchant");
  });

  const withAuthorization = (authorization: string | null) => {
    const headers: Record<string, string> = {};
    if (authorization !== null) headers.authorization = authorization;
    return apiClient().raw("/vault/customer", { method: "GET", headers });
  };

  it("answers 401 code 2 without an Authorization header, on GET and on POST", async () => {
    expectEnvelopeError(await withAuthorization(null), 401, 2);
    const post = await apiClient().post("/vault/customer", customerBody());
    expectEnvelopeError(post, 401, 2);
  });

  it.each([
    ["a wrong key as username", () => basicAuth("cvk_thisIsNotAKeyThisVaultEverIssued0000000000")],
    ["a wrong key as password", () => basicAuth("cvk_thisIsNotAKeyThisVaultEverIssued0000000000", true)],
    ["an empty Basic pair", () => `Basic ${Buffer.from(":").toString("base64")}`],
    ["Basic without credentials", () => "Basic"],
    ["Basic with characters outside base64", () => "Basic !!!not*base64!!!"],
    ["a bare key with no scheme", () => merchant.apiKey],
    ["the key base64'd with no scheme", () => Buffer.from(`${merchant.apiKey}:`).toString("base64")],
    ["the key in a Bearer header", () => `Bearer ${merchant.apiKey}`],
    ["the Basic pair in a Bearer header", () => `Bearer ${Buffer.from(`${merchant.apiKey}:`).toString("base64")}`],
    ["the key with a trailing character", () => basicAuth(`${merchant.apiKey}x`)],
    ["the key missing its last character", () => basicAuth(merchant.apiKey.slice(0, -1))],
  ])("answers 401 code 2 for %s", async (_what, header) => {
    const response = await withAuthorization(header());
    expectEnvelopeError(response, 401, 2);
    expect(response.body.data).toBeUndefined();
  });

  it("accepts the key as the Basic username with an empty password", async () => {
    const response = await withAuthorization(basicAuth(merchant.apiKey, false));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.code).toBe(0);
  });

  it("accepts the key as the Basic password with an empty username", async () => {
    const response = await withAuthorization(basicAuth(merchant.apiKey, true));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.code).toBe(0);
  });

  it("accepts the key as the Basic password next to an arbitrary username", async () => {
    const response = await withAuthorization(`Basic ${Buffer.from(`someuser:${merchant.apiKey}`).toString("base64")}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });

  it("refuses a revoked key from the next request on, while the merchant's other key keeps working", async () => {
    const second = await createApiKey({ merchantId: BigInt(merchant.merchantId), label: "to revoke", actor: "test" });
    const secondApi = apiClient(second.key);
    expect((await secondApi.get("/vault/customer")).status).toBe(200);

    await revokeApiKey({ merchantId: BigInt(merchant.merchantId), apiKeyId: second.id, actor: "test" });

    expectEnvelopeError(await secondApi.get("/vault/customer"), 401, 2);
    expectEnvelopeError(await apiClient().raw("/vault/customer", { method: "GET", headers: { authorization: basicAuth(second.key, true) } }), 401, 2);
    expectEnvelopeError(await secondApi.post("/vault/customer", customerBody()), 401, 2);
    expect((await merchant.api.get("/vault/customer")).status).toBe(200);
  });

  it("does not let one merchant revoke another merchant's key", async () => {
    const other = await newMerchant("Other Auth Merchant");
    await expect(revokeApiKey({ merchantId: BigInt(other.merchantId), apiKeyId: merchant.apiKeyId, actor: "test" })).rejects.toThrow(/not found/i);
    expect((await merchant.api.get("/vault/customer")).status).toBe(200);
  });
});

describe("unknown /platform paths", () => {
  let api: ApiClient;
  beforeAll(async () => {
    api = (await newMerchant("Unknown Path Merchant")).api;
  });

  it.each([
    ["GET", "/no-such-operation"],
    ["GET", "/vault/no-such-thing"],
    ["POST", "/vault/customer/ABC/no-such-thing"],
    ["PUT", "/vault/customer/ABC/billing/no-such-thing"],
    ["DELETE", "/vault/customer/ABC/shipping/12/extra"],
  ])("%s %s answers 404 code 7 with a valid key", async (method, path) => {
    const response = await api.raw(path, {
      method,
      headers: { "content-type": "application/json" },
      body: method === "GET" || method === "DELETE" ? undefined : "{}",
    });
    expectEnvelopeError(response, 404, 7);
  });

  it.each([
    ["GET", "/no-such-operation"],
    ["POST", "/vault/no-such-thing"],
  ])("%s %s answers 401 code 2 without a key (routes cannot be probed)", async (method, path) => {
    const response = await apiClient().raw(path, { method, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
    expectEnvelopeError(response, 401, 2);
  });
});

describe("merchant isolation", () => {
  // Merchant A owns a customer with two cards and two shipping addresses; B
  // has a key of its own and one customer of its own.
  let a: TestMerchant;
  let b: TestMerchant;
  let aCustomer: string;
  let aCards: string[];
  let aShipping: number[];
  let bCustomer: string;
  const aFirstName = `Alice${uniqueCustomerId("").slice(0, 10)}`;

  const snapshotA = async () => {
    const customer = await a.api.get(`/vault/customer/${aCustomer}`);
    expectStatus(customer, 200, "A's GET customer");
    const billing = await a.api.get(`/vault/customer/${aCustomer}/billing`);
    const shipping = await a.api.get(`/vault/customer/${aCustomer}/shipping`);
    return { customer: customer.body.data, billing: billing.body.data, shipping: shipping.body.data };
  };

  beforeAll(async () => {
    a = await newMerchant("Isolation A");
    b = await newMerchant("Isolation B");
    aCustomer = uniqueCustomerId("A");
    const add = await a.api.post("/vault/customer", {
      customer_id: aCustomer,
      customer_first_name: aFirstName,
      customer_email: "alice@example.com",
      billing_cards: [
        { card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" },
        { card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94403" },
      ],
      shipping_addresses: [
        { shipping_first_name: "Alice", shipping_last_name: "A", shipping_zip: "10001" },
        { shipping_first_name: "Alice", shipping_last_name: "B", shipping_zip: "10002" },
      ],
    });
    expectStatus(add, 200, "A's customer");
    aCards = add.body.data.billing_cards.map((c: { card_id: string }) => c.card_id);
    aShipping = add.body.data.shipping_addresses.map((s: { shipping_id: number }) => s.shipping_id);
    expect(aCards).toHaveLength(2);
    expect(aShipping).toHaveLength(2);

    bCustomer = uniqueCustomerId("B");
    const addB = await b.api.post("/vault/customer", {
      customer_id: bCustomer,
      customer_first_name: "Bob",
      billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "30301" }],
      shipping_addresses: [{ shipping_first_name: "Bob", shipping_last_name: "B" }],
    });
    expectStatus(addB, 200, "B's customer");
  });

  type Operation = { name: string; method: "GET" | "POST" | "PUT" | "DELETE"; path: () => string; body?: () => unknown };

  // Every Customer Vault operation, aimed at A's customer, card and address ids.
  const onACustomer: Operation[] = [
    { name: "GET customer", method: "GET", path: () => `/vault/customer/${aCustomer}` },
    { name: "PUT customer", method: "PUT", path: () => `/vault/customer/${aCustomer}`, body: () => ({ customer_first_name: "Mallory" }) },
    {
      name: "PUT customer replacing its cards and addresses",
      method: "PUT",
      path: () => `/vault/customer/${aCustomer}`,
      body: () => ({ customer_first_name: "Mallory", billing_cards: [], shipping_addresses: [] }),
    },
    { name: "DELETE customer", method: "DELETE", path: () => `/vault/customer/${aCustomer}` },
    { name: "GET billing", method: "GET", path: () => `/vault/customer/${aCustomer}/billing` },
    {
      name: "POST billing",
      method: "POST",
      path: () => `/vault/customer/${aCustomer}/billing`,
      body: () => ({ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "66666" }),
    },
    {
      name: "PUT billing",
      method: "PUT",
      path: () => `/vault/customer/${aCustomer}/billing`,
      body: () => ({ card_id: aCards[0], billing_zip: "66666", billing_first_name: "Mallory" }),
    },
    { name: "PUT billing/delete", method: "PUT", path: () => `/vault/customer/${aCustomer}/billing/delete`, body: () => ({ card_id: aCards[0] }) },
    { name: "PUT billing/primary", method: "PUT", path: () => `/vault/customer/${aCustomer}/billing/primary`, body: () => ({ card_id: aCards[1] }) },
    { name: "GET shipping", method: "GET", path: () => `/vault/customer/${aCustomer}/shipping` },
    {
      name: "POST shipping",
      method: "POST",
      path: () => `/vault/customer/${aCustomer}/shipping`,
      body: () => ({ shipping_first_name: "Mallory", shipping_last_name: "M" }),
    },
    {
      name: "PUT shipping",
      method: "PUT",
      path: () => `/vault/customer/${aCustomer}/shipping`,
      body: () => ({ shipping_id: aShipping[0], shipping_first_name: "Mallory", shipping_last_name: "M" }),
    },
    {
      name: "PUT shipping/primary",
      method: "PUT",
      path: () => `/vault/customer/${aCustomer}/shipping/primary`,
      body: () => ({ shipping_id: aShipping[1] }),
    },
    { name: "DELETE shipping/{id}", method: "DELETE", path: () => `/vault/customer/${aCustomer}/shipping/${aShipping[0]}` },
  ];

  // The subtler probe: B's OWN customer in the path, A's card or address id in the body.
  const onBCustomerWithAIds: Operation[] = [
    {
      name: "PUT billing with A's card_id",
      method: "PUT",
      path: () => `/vault/customer/${bCustomer}/billing`,
      body: () => ({ card_id: aCards[0], billing_zip: "66666" }),
    },
    {
      name: "PUT billing/delete with A's card_id",
      method: "PUT",
      path: () => `/vault/customer/${bCustomer}/billing/delete`,
      body: () => ({ card_id: aCards[0] }),
    },
    {
      name: "PUT billing/primary with A's card_id",
      method: "PUT",
      path: () => `/vault/customer/${bCustomer}/billing/primary`,
      body: () => ({ card_id: aCards[1] }),
    },
    {
      name: "PUT shipping with A's shipping_id",
      method: "PUT",
      path: () => `/vault/customer/${bCustomer}/shipping`,
      body: () => ({ shipping_id: aShipping[0], shipping_first_name: "Mallory", shipping_last_name: "M" }),
    },
    {
      name: "PUT shipping/primary with A's shipping_id",
      method: "PUT",
      path: () => `/vault/customer/${bCustomer}/shipping/primary`,
      body: () => ({ shipping_id: aShipping[1] }),
    },
    { name: "DELETE shipping/{A's id} under B's customer", method: "DELETE", path: () => `/vault/customer/${bCustomer}/shipping/${aShipping[0]}` },
  ];

  const send = (client: ApiClient, op: Operation) => {
    const body = op.body?.();
    if (op.method === "GET") return client.get(op.path());
    if (op.method === "DELETE") return client.delete(op.path());
    return op.method === "POST" ? client.post(op.path(), body) : client.put(op.path(), body);
  };

  it("answers 404 code 7 to every operation B attempts on A's customer, and A's data is unchanged", async () => {
    const before = await snapshotA();
    const failures: string[] = [];
    for (const op of onACustomer) {
      const response = await send(b.api, op);
      if (response.status !== 404 || response.body?.code !== 7) {
        failures.push(`${op.name}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      // A 404 must not say more than "not found": nothing of A's in it.
      expect(JSON.stringify(response.body)).not.toContain(aFirstName);
    }
    expect(failures).toEqual([]);
    expect(await snapshotA()).toEqual(before);
  });

  it("answers 404 code 7 when B names A's card_id or shipping_id under B's own customer, and nothing changes", async () => {
    const before = await snapshotA();
    const bBefore = await b.api.get(`/vault/customer/${bCustomer}`);
    const failures: string[] = [];
    for (const op of onBCustomerWithAIds) {
      const response = await send(b.api, op);
      if (response.status !== 404 || response.body?.code !== 7) {
        failures.push(`${op.name}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotA()).toEqual(before);
    expect((await b.api.get(`/vault/customer/${bCustomer}`)).body).toEqual(bBefore.body);
  });

  it("refuses B's customer update that lists A's card_id or shipping_id, and nothing changes", async () => {
    const before = await snapshotA();
    const bBefore = await b.api.get(`/vault/customer/${bCustomer}`);
    for (const body of [
      { billing_cards: [{ card_id: aCards[0] }] },
      { shipping_addresses: [{ shipping_id: aShipping[0], shipping_first_name: "M", shipping_last_name: "M" }] },
    ]) {
      const response = await b.api.put(`/vault/customer/${bCustomer}`, body);
      expect([400, 404], JSON.stringify(response.body)).toContain(response.status);
    }
    expect(await snapshotA()).toEqual(before);
    expect((await b.api.get(`/vault/customer/${bCustomer}`)).body).toEqual(bBefore.body);
  });

  it("keeps customer_ids per merchant: B may create a customer with A's customer_id and sees only its own", async () => {
    const before = await snapshotA();
    const b2 = await newMerchant("Isolation B2");
    const add = await b2.api.post("/vault/customer", { customer_id: aCustomer, customer_first_name: "Bea" });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    const get = await b2.api.get(`/vault/customer/${aCustomer}`);
    expect(get.status).toBe(200);
    expect(get.body.data.customer_first_name).toBe("Bea");
    expect(get.body.data.billing_cards).toEqual([]);
    expect(get.body.data.shipping_addresses).toEqual([]);
    expect(get.body.data.node_id).toBe(b2.merchantId);
    // Deleting B2's customer of that id leaves A's alone.
    expect((await b2.api.delete(`/vault/customer/${aCustomer}`)).status).toBe(200);
    expect(await snapshotA()).toEqual(before);
  });

  it("never lists A's customers in B's browse, whatever the filter or order", async () => {
    const queries = [
      "?count=100",
      "?count=100&order_by=asc",
      `?filter=${encodeURIComponent(`customer_id,EQUALS,${aCustomer}`)}`,
      `?filter=${encodeURIComponent(`customer_first_name,LIKE,${aFirstName}`)}`,
      `?filter=${encodeURIComponent("customer_email,LIKE,alice")}`,
      `?filter=${encodeURIComponent("customer_first_name,IS_NOT_NULL")}&count=100`,
      `?filter=${encodeURIComponent("customer_last_name,NOT_EQUALS,nobody")}&count=100`,
    ];
    for (const query of queries) {
      const response = await b.api.get(`/vault/customer${query}`);
      expect(response.status, `${query}: ${JSON.stringify(response.body)}`).toBe(200);
      const ids = response.body.data.map((c: { customer_id: string }) => c.customer_id);
      expect(ids, query).not.toContain(aCustomer);
      expect(JSON.stringify(response.body), query).not.toContain(aFirstName);
      for (const customer of response.body.data) expect(customer.node_id).toBe(b.merchantId);
    }
    const all = await b.api.get("/vault/customer?count=100");
    expect(all.body.totalRecords).toBe(1);
    expect(all.body.data.map((c: { customer_id: string }) => c.customer_id)).toEqual([bCustomer]);
    const filtered = await b.api.get(`/vault/customer?filter=${encodeURIComponent(`customer_id,EQUALS,${aCustomer}`)}`);
    expect(filtered.body.totalRecords).toBe(0);
    // A, by contrast, finds its customer with the same filter: the filter itself works.
    const own = await a.api.get(`/vault/customer?filter=${encodeURIComponent(`customer_id,EQUALS,${aCustomer}`)}`);
    expect(own.body.totalRecords).toBe(1);
  });

  // NOT_EQUALS / IS_NULL / IS_NOT_NULL are documented operators and
  // customer_id a documented filter field; the answer must be B's list,
  // never a 500.
  it.each([
    ["customer_id,NOT_EQUALS,nobody", 1],
    ["customer_id,IS_NOT_NULL", 1],
    ["customer_id,IS_NULL", 0],
  ])("browses B's customers with filter %s without an error and without A's", async (filter, expected) => {
    const response = await b.api.get(`/vault/customer?count=100&filter=${encodeURIComponent(filter)}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.totalRecords).toBe(expected);
    expect(response.body.data.map((c: { customer_id: string }) => c.customer_id)).not.toContain(aCustomer);
  });

  describe("merchant_id in the request", () => {
    it("answers 403 code 3 for another merchant's merchant_id in the query string", async () => {
      const browse = await b.api.get(`/vault/customer?merchant_id=${a.merchantId}`);
      expectEnvelopeError(browse, 403, 3);
      expect(JSON.stringify(browse.body)).not.toContain(aCustomer);
      const get = await b.api.get(`/vault/customer/${bCustomer}?merchant_id=${a.merchantId}`);
      expectEnvelopeError(get, 403, 3);
      const aCustomerViaB = await b.api.get(`/vault/customer/${aCustomer}?merchant_id=${a.merchantId}`);
      expectEnvelopeError(aCustomerViaB, 403, 3);
    });

    it("answers 403 code 3 for another merchant's merchant_id in a JSON body, and stores nothing", async () => {
      const before = await snapshotA();
      const body = customerBody({ merchant_id: a.merchantId });
      const add = await b.api.post("/vault/customer", body);
      expectEnvelopeError(add, 403, 3);
      expect((await b.api.get(`/vault/customer/${body.customer_id}`)).status).toBe(404);
      expect((await a.api.get(`/vault/customer/${body.customer_id}`)).status).toBe(404);

      const asString = customerBody({ merchant_id: String(a.merchantId) });
      expectEnvelopeError(await b.api.post("/vault/customer", asString), 403, 3);

      const update = await b.api.put(`/vault/customer/${aCustomer}`, { merchant_id: a.merchantId, customer_first_name: "Mallory" });
      expectEnvelopeError(update, 403, 3);
      const addCard = await b.api.post(`/vault/customer/${aCustomer}/billing`, {
        merchant_id: a.merchantId,
        card_number: uniqueVisa(),
        exp_date: futureExpiry(),
        billing_zip: "66666",
      });
      expectEnvelopeError(addCard, 403, 3);
      expect(await snapshotA()).toEqual(before);
    });

    it("allows the key's own merchant_id and 0, in the query string and in the body", async () => {
      expect((await b.api.get(`/vault/customer?merchant_id=${b.merchantId}`)).status).toBe(200);
      expect((await b.api.get("/vault/customer?merchant_id=0")).status).toBe(200);
      const own = customerBody({ merchant_id: b.merchantId });
      const addOwn = await b.api.post("/vault/customer", own);
      expect(addOwn.status, JSON.stringify(addOwn.body)).toBe(200);
      const zero = customerBody({ merchant_id: 0 });
      const addZero = await b.api.post("/vault/customer", zero);
      expect(addZero.status, JSON.stringify(addZero.body)).toBe(200);
      expect((await b.api.get(`/vault/customer/${own.customer_id}`)).status).toBe(200);
      expect((await b.api.get(`/vault/customer/${zero.customer_id}`)).status).toBe(200);
      const update = await b.api.put(`/vault/customer/${own.customer_id}?merchant_id=${b.merchantId}`, {
        merchant_id: b.merchantId,
        customer_last_name: "Own",
      });
      expect(update.status, JSON.stringify(update.body)).toBe(200);
      expect(update.body.data.customer_last_name).toBe("Own");
      // Clean up so the browse counts above stay exact for B.
      expect((await b.api.delete(`/vault/customer/${own.customer_id}`)).status).toBe(200);
      expect((await b.api.delete(`/vault/customer/${zero.customer_id}`)).status).toBe(200);
    });
  });
});
