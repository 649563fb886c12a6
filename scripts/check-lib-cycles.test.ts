import { describe, expect, it } from "vitest";
import { folderCycles, folderGraph, libFolder } from "./check-lib-cycles.mjs";

// The folding and cycle search behind the `npm test` step; the step itself
// runs dependency-cruiser over the real lib/.
const module = (source: string, ...imports: string[]) => ({ source, dependencies: imports.map((resolved) => ({ resolved })) });

describe("libFolder", () => {
  it("folds a module into its folder under lib/ at the given depth", () => {
    expect(libFolder("lib/vault/add-customer.ts", 1)).toBe("vault");
    expect(libFolder("lib/webhooks/delivery/clock.ts", 1)).toBe("webhooks");
    expect(libFolder("lib/webhooks/delivery/clock.ts", 2)).toBe("webhooks/delivery");
    expect(libFolder("lib/webhooks/add-webhook.ts", 2)).toBe("webhooks");
  });

  it("counts a file at lib/'s root as a folder of its own, and nothing outside lib/", () => {
    expect(libFolder("lib/env.ts", 1)).toBe("env");
    expect(libFolder("scripts/database-url.mjs", 1)).toBeNull();
  });
});

describe("folderCycles", () => {
  it("finds two folders that import each other through different files", () => {
    const graph = folderGraph([module("lib/api/route.ts", "lib/audit/record.ts"), module("lib/audit/browse.ts", "lib/api/page.ts")], 1);
    expect(folderCycles(graph)).toEqual([["api", "audit"]]);
  });

  it("finds a longer cycle, and a root file in one", () => {
    const graph = folderGraph(
      [
        module("lib/db/client.ts", "lib/env.ts"),
        module("lib/env.ts", "lib/log/logger.ts"),
        module("lib/log/logger.ts", "lib/db/sql.ts"),
        module("lib/vault/a.ts", "lib/db/client.ts"),
      ],
      1,
    );
    expect(folderCycles(graph)).toEqual([["db", "env", "log"]]);
  });

  it("sees a nested folder and its parent in a cycle only when the nested one stands apart", () => {
    const modules = [module("lib/webhooks/add.ts", "lib/webhooks/delivery/clock.ts"), module("lib/webhooks/delivery/send.ts", "lib/webhooks/secrets.ts")];
    expect(folderCycles(folderGraph(modules, 1))).toEqual([]);
    expect(folderCycles(folderGraph(modules, 2))).toEqual([["webhooks", "webhooks/delivery"]]);
  });

  it("passes layers that only import downwards", () => {
    const graph = folderGraph(
      [module("lib/api/route.ts", "lib/vault/add.ts", "lib/errors/api-error.ts"), module("lib/vault/add.ts", "lib/errors/api-error.ts", "lib/db/client.ts")],
      1,
    );
    expect(folderCycles(graph)).toEqual([]);
  });
});
