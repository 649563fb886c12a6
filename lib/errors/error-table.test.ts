import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_TABLE, SUCCESS } from "./error-table";

// The published table (docs/api-errors.md) is what merchants code against:
// it must list exactly the codes and statuses the server sends.
describe("published error table", () => {
  const doc = readFileSync("docs/api-errors.md", "utf8");
  const rows = [...doc.matchAll(/^\|\s*(\d+)\s*\|\s*(\d{3})\s*\|/gm)].map((m) => ({ code: Number(m[1]), status: Number(m[2]) }));

  it("documents every code the server can answer, with its status", () => {
    for (const row of Object.values(ERROR_TABLE)) {
      expect(rows).toContainEqual({ code: row.code, status: row.status });
    }
    expect(rows).toContainEqual({ code: SUCCESS.code, status: 200 });
  });

  it("documents no code the server does not send", () => {
    const sent = new Set([SUCCESS.code, ...Object.values(ERROR_TABLE).map((r) => r.code)]);
    for (const row of rows) expect(sent.has(row.code)).toBe(true);
  });

  it("gives each kind its own code", () => {
    const codes = Object.values(ERROR_TABLE).map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
