// The OpenAPI document against the server that serves it: every /platform
// route file's methods are documented, every documented operation reaches a
// route (not the catch-all that answers unknown operations), and /docs/api
// shows the document as a page that loads no script from another origin.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { newMerchant, type TestMerchant } from "../support/fixtures";

const PLATFORM_DIR = join(process.cwd(), "app", "platform");
const HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The HTTP methods a route file exports: `export const GET`, `export function GET`, `export { x as GET }`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1] as string);
  for (const list of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const m of (list[1] as string).matchAll(/\bas\s+([A-Z]+)\b/g)) found.add(m[1] as string);
  }
  return [...found].filter((m) => HTTP_METHODS.includes(m));
}

/** "GET /vault/customer/{customer_id}" for each method of each route file, the catch-all left out. */
function servedOperations(): string[] {
  return routeFiles(PLATFORM_DIR)
    .filter((file) => !file.includes("[..."))
    .flatMap((file) => {
      const segments = relative(PLATFORM_DIR, file).split(sep).slice(0, -1);
      const path = `/${segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
      return exportedMethods(readFileSync(file, "utf8")).map((method) => `${method} ${path}`);
    })
    .sort();
}

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };

function documentedOperations(doc: Doc): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => HTTP_METHODS.includes(m.toUpperCase()))
        .map((m) => `${m.toUpperCase()} ${path}`),
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

  it("documents every method of every /platform route file", () => {
    const served = servedOperations();
    expect(served.length).toBeGreaterThan(25);
    expect(served).toContain("GET /openapi.json");
    const documented = new Set(documentedOperations(doc));
    expect(served.filter((op) => !documented.has(op))).toEqual([]);
  });

  it("serves every documented operation: none reaches the unknown-operation answer", async () => {
    const unknown = await merchant.api.get("/no/such/operation");
    expect(unknown.status).toBe(404);
    const catchAllMessage = unknown.body.message as string;
    expect(catchAllMessage).toBeTruthy();

    const served = new Set(servedOperations());
    for (const operation of documentedOperations(doc)) {
      expect(served.has(operation), `${operation} has no route file`).toBe(true);
      const [method, template] = operation.split(" ") as [string, string];
      const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const value = SAMPLE_PARAMS[name];
        if (value === undefined) throw new Error(`No sample value for the path parameter ${name}`);
        return value;
      });
      const hasBody = method === "POST" || method === "PUT";
      const answer = await merchant.api.raw(path, {
        method,
        headers: hasBody ? { "content-type": "application/json" } : {},
        body: hasBody ? "{}" : undefined,
      });
      const isCatchAll = answer.status === 404 && answer.body?.message === catchAllMessage;
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
