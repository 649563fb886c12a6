import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every route handler answers through lib/http/route-core.ts, by way of one
// of the wrappers, so none can skip the request id, the log line or the
// envelope. A hand-written `export async function POST` is how a route
// used to slip past them.
const WRAPPERS = /\b(apiRoute|publicRoute|portalRoute|portalEntryRoute)\(/;
const HANDWRITTEN = /export\s+(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("route handlers", () => {
  const files = routeFiles(path.resolve("app"));

  it("exist (the scan found the app)", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((file) => [path.relative(process.cwd(), file)]))("%s answers through a wrapper", (file) => {
    const source = fs.readFileSync(file, "utf8");
    expect(source).toMatch(WRAPPERS);
    expect(source).not.toMatch(HANDWRITTEN);
  });
});
