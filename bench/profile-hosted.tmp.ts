// TEMPORARY (not committed): profile server.mjs under hosted submits.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { createPostgresDatabase, createSqliteDatabase } from "../tests/support/databases";
import { runCli } from "../tests/support/cli";
import { SubmitPool } from "./hosted-submits";
import { migrate } from "../scripts/migrate.mjs";

const provider = (process.env.P ?? "sqlite") as "sqlite" | "postgres";
const dir = mkdtempSync(join(tmpdir(), `prof-${provider}-`));
const db = provider === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dir);
const env = { DATABASE_URL: db.url, VAULT_KEYS_FILE: join(dir, "keys.json") };
migrate(env);
const demo = runCli(["setup", "--json"], env) as { api_key: string };
const port = 3999;
const args = process.env.PROF ? ["--cpu-prof", "--cpu-prof-dir=/work/scratch/prof", "server.mjs"] : ["server.mjs"];
const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: "ignore" });
const base = `http://127.0.0.1:${port}`;
for (;;) {
  try { if ((await fetch(`${base}/platform/ping`)).status === 401) break; } catch {}
  await new Promise((r) => setTimeout(r, 200));
}
const authorization = `Basic ${Buffer.from(`${demo.api_key}:`).toString("base64")}`;
const pool = new SubmitPool(base, authorization);
const seconds = Number(process.env.S ?? 8);
await pool.fill(Number(process.env.N ?? 1500));
const { options, tally } = pool.options();
const result = await autocannon({ connections: 16, duration: seconds, ...options });
console.log(provider, "submits/s", Math.round(result.requests.average), "stored", tally.stored, "p99", result.latency.p99, "exhausted", tally.exhausted);
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
