// What the API's router answers beyond the operations themselves, now that
// server.mjs serves /platform and /pg without Next.js: HEAD, OPTIONS, a path
// under /pg, a trailing slash, the base headers, and that every refusal
// comes in the envelope only after the API key.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiClient, basicAuth } from "../support/api-client";
import { json, newMerchant, uniqueCustomerId, type TestMerchant } from "../support/fixtures";

let merchant: TestMerchant;
let customerId: string;
const baseUrl = () => inject("baseUrl");

beforeAll(async () => {
  merchant = await newMerchant("Router");
  customerId = uniqueCustomerId();
  const added = await merchant.api.post("/vault/customer", { customer_id: customerId, customer_first_name: "Router" });
  expect(added.status, json(added.body)).toBe(200);
});

describe("the API's router", () => {
  it("answers HEAD like GET, with the headers and no body", async () => {
    const got = await merchant.api.get(`/vault/customer/${customerId}`);
    const head = await merchant.api.raw(`/vault/customer/${customerId}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers.get("content-type")).toBe(got.headers.get("content-type"));
    expect(head.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(head.headers.get("cache-control")).toBe("no-store");
  });

  it("answers OPTIONS with the path's methods in Allow, after the key", async () => {
    const options = await merchant.api.raw("/vault/customer", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect((options.headers.get("allow") ?? "").split(", ").sort()).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    const anonymous = await apiClient().raw("/vault/customer", { method: "OPTIONS" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe(2);
    expect(anonymous.headers.get("allow")).toBeNull();
  });

  it("answers a path it does not know with a 404 after the key, in the envelope of the API it is under", async () => {
    for (const [path, unauthorized, missing] of [
      ["/platform/vault/nothing", { code: 2 }, { code: 7 }],
      ["/pg/payment", { rcode: "101" }, { rcode: "102" }],
    ] as const) {
      const anonymous = await fetch(`${baseUrl()}${path}`);
      expect(anonymous.status, path).toBe(401);
      expect(await anonymous.json()).toMatchObject(unauthorized);
      const known = await fetch(`${baseUrl()}${path}`, { headers: { authorization: basicAuth(merchant.apiKey) } });
      expect(known.status, path).toBe(404);
      expect(await known.json()).toMatchObject(missing);
      expect(known.headers.get("x-request-id")).toBeTruthy();
    }
  });

  it("serves a path with a trailing slash as the path", async () => {
    const answer = await merchant.api.get(`/vault/customer/${customerId}/`);
    expect(answer.status, json(answer.body)).toBe(200);
    expect(answer.body.data.customer_id).toBe(customerId);
  });

  it("gives an over-long path parameter the schema's 400, not a 404", async () => {
    const answer = await merchant.api.get(`/vault/customer/${"A".repeat(300)}`);
    expect(answer.status, json(answer.body)).toBe(400);
    expect(answer.body.data).toHaveProperty("customer_id");
  });

  it("puts the closed default headers on every API answer", async () => {
    const answer = await merchant.api.get("/ping");
    expect(answer.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(answer.headers.get("referrer-policy")).toBe("no-referrer");
    expect(answer.headers.get("x-powered-by")).toBeNull();
  });
});
