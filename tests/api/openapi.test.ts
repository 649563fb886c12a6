// The OpenAPI document against the server that serves it: the document lists
// every operation merchants integrate against, every documented operation
// reaches its handler (not the answer for unknown operations), and /docs/api
// shows the document as a page that loads no script from another origin.
// (The server and the document are both built from one route table,
// lib/api/route-table.ts; this checks what a client sees of both.)
import { beforeAll, describe, expect, inject, it } from "vitest";
import { newMerchant, type TestMerchant } from "../support/fixtures";

const HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/** The operations the API serves: under /platform, the reference's and this vault's own; under /pg, the payment gateway's. */
const OPERATIONS = [
  "GET /transaction",
  "GET /transaction/{pg_id}",
  "POST /pg/auth",
  "POST /pg/capture/{pg_id}",
  "POST /pg/credit",
  "POST /pg/expireToken",
  "POST /pg/refund/{pg_id}",
  "POST /pg/sale",
  "POST /pg/tokenize",
  "POST /pg/verify",
  "POST /pg/void/{pg_id}",
  "DELETE /plan/{plan_id}/delete",
  "DELETE /vault/customer/{customer_id}",
  "DELETE /vault/customer/{customer_id}/shipping/{id}",
  "DELETE /webhook/{webhook_id}/event/{event}",
  "GET /checkout/{checkoutId}",
  "GET /embedded",
  "GET /openapi.json",
  "GET /ping",
  "GET /plan",
  "GET /plan/{plan_code}",
  "GET /vault/customer",
  "GET /vault/customer/{customer_id}",
  "GET /vault/customer/{customer_id}/billing",
  "GET /vault/customer/{customer_id}/shipping",
  "GET /webhook",
  "GET /webhook/{webhook_id}",
  "GET /webhook/{webhook_id}/deliveries",
  "GET /webhook/{webhook_id}/deliveries/{delivery_id}",
  "GET /webhook/{webhook_id}/event",
  "POST /checkout",
  "POST /plan",
  "POST /plan/{plan_code}/archive",
  "POST /vault/customer",
  "POST /vault/customer/{customer_id}/billing",
  "POST /vault/customer/{customer_id}/shipping",
  "POST /webhook",
  "POST /webhook/{webhook_id}/event/{event}",
  "POST /webhook/{webhook_id}/secret",
  "PUT /plan/{plan_code}",
  "GET /sandbox/clock",
  "POST /sandbox/clock",
  "GET /subscription",
  "POST /subscription",
  "GET /subscription/transactions",
  "GET /subscription/transactions/{subscription_id}",
  "GET /subscription/{subscription_id}",
  "PUT /subscription/{subscription_id}",
  "POST /subscription/{subscription_id}/pause",
  "POST /subscription/{subscription_id}/resume",
  "POST /subscription/{subscription_id}/cancel",
  "GET /subscription/{subscription_id}/labels/browse",
  "POST /subscription/{subscription_id}/labels/add",
  "POST /subscription/{subscription_id}/labels/edit",
  "POST /subscription/{subscription_id}/labels/delete",
  "PUT /vault/customer/{customer_id}",
  "PUT /vault/customer/{customer_id}/billing",
  "PUT /vault/customer/{customer_id}/billing/delete",
  "PUT /vault/customer/{customer_id}/billing/primary",
  "PUT /vault/customer/{customer_id}/shipping",
  "PUT /vault/customer/{customer_id}/shipping/primary",
  "PUT /webhook/{webhook_id}",
  "PUT /webhook/{webhook_id}/disable",
  "PUT /webhook/{webhook_id}/enable",
  "POST /aus/request/create",
  "POST /aus/add",
  "POST /aus/request/cancel/{request_id}",
  "GET /aus/request/summary",
  "GET /aus/request/summary/{request_id}",
  "GET /aus/request/detail",
  "GET /aus/request/detail/{request_id}",
  "GET /aus/{requestId}",
  "POST /aus/hold",
  "POST /aus/release",
];

type Doc = { openapi: string; paths: Record<string, Record<string, unknown> & { servers?: { url: string }[] }> };

/** "METHOD path", the path under /platform as the document writes it, or with its own server (/pg) in front. */
function documentedOperations(doc: Doc): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => HTTP_METHODS.includes(m.toUpperCase()))
        .map((m) => `${m.toUpperCase()} ${item.servers?.[0]?.url ?? ""}${path}`),
    )
    .sort();
}

/** A well-formed value for each path parameter: the route is reached and answers about that value. */
const SAMPLE_PARAMS: Record<string, string> = {
  customer_id: "NOSUCHCUSTOMER1",
  id: "1",
  checkoutId: "0".repeat(32),
  webhook_id: "1",
  delivery_id: "1",
  event: "vault_card_created",
  pg_id: "0".repeat(32),
  plan_code: "NOSUCHPLAN",
  plan_id: "1",
  subscription_id: "1",
  request_id: "1",
  requestId: "1",
};

const baseUrl = () => inject("baseUrl");
let doc: Doc;
let merchant: TestMerchant;

beforeAll(async () => {
  const response = await fetch(`${baseUrl()}/platform/openapi.json`);
  expect(response.status).toBe(200);
  doc = (await response.json()) as Doc;
  merchant = await newMerchant("OpenAPI");
});

describe("GET /platform/openapi.json", () => {
  it("answers the OpenAPI 3.1 document as JSON, without an API key, cacheable", async () => {
    const response = await fetch(`${baseUrl()}/platform/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("documents every operation the API serves, and no other", () => {
    expect(documentedOperations(doc)).toEqual([...OPERATIONS].sort());
  });

  it("serves every documented operation: none reaches the unknown-operation answer", async () => {
    const unknown = await merchant.api.get("/no/such/operation");
    expect(unknown.status).toBe(404);
    const catchAllMessage = unknown.body.message as string;
    expect(catchAllMessage).toBeTruthy();

    for (const operation of documentedOperations(doc)) {
      const [method, template] = operation.split(" ") as [string, string];
      const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const value = SAMPLE_PARAMS[name];
        if (value === undefined) throw new Error(`No sample value for the path parameter ${name}`);
        return value;
      });
      const hasBody = method === "POST" || method === "PUT";
      const [client, under] = path.startsWith("/pg/") ? [merchant.pg, path.slice("/pg".length)] : [merchant.api, path];
      const answer = await client.raw(under, {
        method,
        headers: hasBody ? { "content-type": "application/json" } : {},
        body: hasBody ? "{}" : undefined,
      });
      // The gateway answers in its own envelope: the same words in rmsg.
      const isCatchAll = answer.status === 404 && (answer.body?.message ?? answer.body?.rmsg) === catchAllMessage;
      expect(isCatchAll, `${operation} answered ${answer.status} ${JSON.stringify(answer.body)}`).toBe(false);
      expect(answer.status, operation).not.toBe(405);
    }
  });
});

describe("/docs/api", () => {
  it("renders the reference from the document, with no script from another origin", async () => {
    const response = await fetch(`${baseUrl()}/docs/api`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const text of [
      "Customer Vault",
      "/platform/vault/customer/{customer_id}/billing",
      "Add a customer",
      "/platform/checkout",
      "Rotate a webhook&#x27;s secret",
      "/pg/sale",
      "/pg/refund/{pg_id}",
    ]) {
      expect(html.includes(text), `the page shows ${text}`).toBe(true);
    }
    // A request field with its rule, from the schema the route parses with.
    expect(html.includes("at most 32 characters"), "the page shows field rules").toBe(true);
    const scriptSources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1] as string);
    for (const src of scriptSources) expect(src, src).toMatch(/^\/(?!\/)/);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src[^;]*'nonce-/);
    expect(policy).not.toMatch(/script-src[^;]*https?:/);
  });
});
