// WEB_CONCURRENCY: how many web processes server.mjs runs. The suite's
// server runs with the default, which is one on SQLite and one per core on
// PostgreSQL; the default's web processes all answer, and one that dies
// takes the others down (a supervisor restarts the whole, never half of it).
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { basicAuth } from "../support/api-client";
import { startServer } from "../support/server";
import { json, newMerchant } from "../support/fixtures";

/** The pids of the log lines of the API requests the log holds. */
function apiRequestPids(logFile: string): Set<number> {
  const pids = new Set<number>();
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; pid?: number };
    if (entry.msg === "api request" && typeof entry.pid === "number") pids.add(entry.pid);
  }
  return pids;
}

describe("web processes", () => {
  const expected = inject("provider") === "postgres" ? availableParallelism() : 1;

  it("the suite's server runs the default number, and every one answers", async () => {
    const log = readFileSync(inject("logFile"), "utf8");
    expect(log).toContain(
      expected > 1 ? `(port ${new URL(inject("baseUrl")).port}, ${expected} web processes).` : `(port ${new URL(inject("baseUrl")).port}).`,
    );
    const merchant = await newMerchant("Web processes");
    // Fresh connections each time, so the cluster hands them round.
    for (let i = 0; i < 8 * expected; i++) {
      const answer = await fetch(`${inject("baseUrl")}/platform/ping`, {
        headers: { authorization: basicAuth(merchant.apiKey), connection: "close" },
      });
      expect(answer.status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(apiRequestPids(inject("logFile")).size).toBe(expected);
  });

  it("WEB_CONCURRENCY=2: a web process that dies stops the server with a failure", async () => {
    const logFile = join(inject("dataDir"), `web-processes-${process.pid}.log`);
    const env = { DATABASE_URL: inject("databaseUrl"), VAULT_KEYS_FILE: inject("keysFile"), LOG_LEVEL: "info", WEB_CONCURRENCY: "2" };
    const server = await startServer(env, logFile);
    try {
      const merchant = await newMerchant("Web processes 2");
      const headers = { authorization: basicAuth(merchant.apiKey), connection: "close" };
      for (let i = 0; i < 16; i++) expect((await fetch(`${server.baseUrl}/platform/ping`, { headers })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pids = [...apiRequestPids(logFile)];
      expect(pids, json(pids)).toHaveLength(2);
      const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
      process.kill(pids[0] as number, "SIGKILL");
      expect(await exited).not.toBe(0);
      expect(() => process.kill(pids[1] as number, 0)).toThrow();
    } finally {
      await server.stop();
    }
  });
});
