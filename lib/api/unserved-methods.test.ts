import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every /platform route file answers all five methods itself, the unserved
// ones through unservedMethods: a file that leaves one out lets Next.js
// answer a bare 405 to callers without a key (lib/api/unserved-methods.ts).
// The catch-all answers every method with its 404 already, and the public
// OpenAPI document belongs to no merchant.
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const EXEMPT = [`${path.sep}[...rest]${path.sep}`, `${path.sep}openapi.json${path.sep}`];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

function exportedMethods(source: string): string[] {
  const direct = [...source.matchAll(/export const ([A-Z]+)\b/g)].map((m) => m[1] ?? "");
  const unserved = [...source.matchAll(/export const \{([^}]*)\} = unservedMethods\(/g)].flatMap((m) => (m[1] ?? "").split(",").map((s) => s.trim()));
  return [...direct, ...unserved].filter((m) => METHODS.includes(m)).sort();
}

describe("/platform route files", () => {
  const files = routeFiles(path.resolve("app/platform")).filter((file) => !EXEMPT.some((part) => file.includes(part)));

  it("exist (the scan found the API)", () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files.map((file) => [path.relative(process.cwd(), file)]))("%s answers every method", (file) => {
    expect(exportedMethods(fs.readFileSync(file, "utf8"))).toEqual([...METHODS].sort());
  });
});
