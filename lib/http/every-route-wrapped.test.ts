import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every route handler answers through lib/http/route-core.ts, by way of the
// wrapper its place calls for, so none can skip the request id, the log line,
// the envelope or its authentication. A hand-written `export async function
// POST` (or an arrow function) is how a route used to slip past them.
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** The wrappers a route file in this place may use. */
function allowedWrappers(file: string): string[] {
  if (file.startsWith("app/portal/session/")) return ["portalEntryRoute", "portalRoute"];
  if (file.startsWith("app/portal/")) return ["portalRoute"];
  return [];
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every exported HTTP method of a route file, with the expression it is bound to. */
function exportedMethods(source: string): { method: string; declaration: string }[] {
  const found: { method: string; declaration: string }[] = [];
  for (const method of METHODS) {
    const asFunction = new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b`).exec(source);
    if (asFunction) found.push({ method, declaration: "function" });
    const asConst = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*([A-Za-z]+)\\(`).exec(source);
    if (asConst) found.push({ method, declaration: asConst[1]! });
    else if (new RegExp(`export\\s+const\\s+${method}\\b`).test(source)) found.push({ method, declaration: "other" });
  }
  // `export const { PUT, DELETE } = someWrapper("GET")`: each name bound by the call.
  for (const block of source.matchAll(/export\s+const\s*\{([^}]*)\}\s*=\s*([A-Za-z]+)\(/g)) {
    for (const name of block[1]!.split(",").map((part) => part.trim())) {
      if (METHODS.includes(name)) found.push({ method: name, declaration: block[2]! });
    }
  }
  // `const notFound = apiRoute(...); export { notFound as GET }`: the wrapper of the local name.
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of block[1]!.split(",")) {
      const [local, exported = local] = part.trim().split(/\s+as\s+/);
      if (!local || !METHODS.includes(exported!)) continue;
      const bound = new RegExp(`const\\s+${local}\\s*=\\s*([A-Za-z]+)\\(`).exec(source);
      found.push({ method: exported!, declaration: bound ? bound[1]! : "other" });
    }
  }
  return found;
}

describe("route handlers", () => {
  const files = routeFiles(path.resolve("app")).map((file) => path.relative(process.cwd(), file));

  it("exist (the scan found the app)", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("leave the API to its route table: no Next.js route under /platform or /pg (server.mjs serves them from lib/api/route-table.ts)", () => {
    expect(files.filter((file) => /^app\/(platform|pg)\//.test(file))).toEqual([]);
  });

  it.each(files.map((file) => [file]))("%s answers every method through the wrapper its place calls for", (file) => {
    const methods = exportedMethods(fs.readFileSync(file, "utf8"));
    expect(methods.length, "a route file exports at least one method").toBeGreaterThan(0);
    for (const { method, declaration } of methods) expect(allowedWrappers(file), `${method} in ${file}`).toContain(declaration);
  });

  it("refuses a hand-written handler, an arrow function and a wrapper from the wrong place", () => {
    expect(exportedMethods("export async function POST(request: Request) {}")).toEqual([{ method: "POST", declaration: "function" }]);
    expect(exportedMethods("export const GET = async () => new Response()")).toEqual([{ method: "GET", declaration: "other" }]);
    expect(exportedMethods("const x = portalRoute({}, h);\nexport { x as GET, y as POST };")).toEqual([
      { method: "GET", declaration: "portalRoute" },
      { method: "POST", declaration: "other" },
    ]);
    expect(exportedMethods('export const { PUT, DELETE } = someWrapper("GET");')).toEqual([
      { method: "PUT", declaration: "someWrapper" },
      { method: "DELETE", declaration: "someWrapper" },
    ]);
    expect(allowedWrappers("app/portal/api/customers/route.ts")).not.toContain("portalEntryRoute");
    expect(allowedWrappers("app/platform/vault/customer/route.ts")).toEqual([]);
  });
});
