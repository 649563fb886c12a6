import { describe, expect, it } from "vitest";
import { openApiDocument } from "./route-table";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

function operations(doc: ReturnType<typeof openApiDocument>) {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item?.[m]).map((method) => ({ path, method, op: item?.[method] as Record<string, any> })),
  );
}

/** Every `$ref` string anywhere in the value. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument();

  it("is OpenAPI 3.1 with a title, a version and the /platform server", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.servers).toEqual([{ url: "/platform" }]);
  });

  it("gives every operation an id, a tag, a summary and a success response", () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(25);
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set((doc.tags ?? []).map((t) => t.name));
    for (const { path, method, op } of ops) {
      expect(op.responses?.["200"], `${method} ${path}`).toBeDefined();
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(
        op.tags?.every((t: string) => tags.has(t)),
        `${method} ${path} tags`,
      ).toBe(true);
    }
  });

  it("declares every path parameter the path names", () => {
    for (const { path, method, op } of operations(doc)) {
      const named = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? [])
        .filter((p: any) => p.in === "path")
        .map((p: any) => p.name)
        .sort();
      expect(declared, `${method} ${path}`).toEqual(named);
    }
  });

  it("has no dangling $ref", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const ref of all) {
      expect(ref, ref).toMatch(/^#\/components\/(schemas|parameters|headers|responses)\/[^/]+$/);
      const [, , kind, name] = ref.split("/") as [string, string, string, string];
      expect((doc.components as Record<string, Record<string, unknown>>)[kind]?.[name], ref).toBeDefined();
    }
  });

  it("marks what goes beyond the reference API, and only that", () => {
    const extended = operations(doc)
      .filter(({ op }) => op["x-vault-extension"] === true)
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
      .sort();
    expect(extended).toEqual([
      "GET /openapi.json",
      "GET /ping",
      "GET /sandbox/clock",
      "GET /transaction",
      "GET /transaction/{pg_id}",
      "GET /webhook/{webhook_id}/deliveries",
      "GET /webhook/{webhook_id}/deliveries/{delivery_id}",
      "POST /sandbox/clock",
      "POST /webhook/{webhook_id}/secret",
    ]);
    expect((doc.components?.parameters?.IdempotencyKey as unknown as Record<string, unknown>)["x-vault-extension"]).toBe(true);
    // The embedded key's charge and look: the reference's operation, with parameters of this vault's own.
    const embedded = (doc.paths?.["/embedded"]?.get?.parameters ?? []) as unknown as { name: string; in: string; "x-vault-extension"?: boolean }[];
    expect(embedded.filter((p) => p["x-vault-extension"] === true).map((p) => `${p.in} ${p.name}`)).toEqual([
      "query amt_tran",
      "query tran_currency",
      "query request_type",
      "query merch_ref_num",
      "query purchase_id",
      "query compact",
    ]);
  });

  it("documents the 400 envelope with each failed field, and 409 as codes 8 and 9", () => {
    const schemas = doc.components?.schemas as Record<string, any>;
    expect(schemas.Error400.properties.data.additionalProperties).toEqual({ type: "string" });
    expect(schemas.Error409.properties.code.anyOf.map((c: any) => c.const)).toEqual([8, 9]);
  });
});
