// `npm run bench`: the vault's throughput and latency, as ratios against a
// floor measured in the same run, on SQLite and on PostgreSQL.
//
// For each database: a fresh database, the built server (server.mjs, as
// npm start runs it), then autocannon at 16 connections for
//   (c) floor:        GET /platform/ping, an authenticated route doing nothing else
//   (a) add customer: POST /platform/vault/customer with one card
//   (b) get customer: GET /platform/vault/customer/{id} with its cards
//   (d) hosted submit: a customer's card form posted to POST /checkout/{id},
//       answered by a 303 to the link's success_url (bench/hosted-submits.ts)
// Scenarios run in interleaved rounds; the median round of each is kept.
// Then, on the first database's server, the hosted page in Chromium: its
// Largest Contentful Paint and the scripts it loads (bench/page-load.ts);
// and its one script's gzipped size against the 80 KB budget.
// Then webhook deliveries per second to a local receiver, with real worker
// processes: SQLite with one worker, PostgreSQL with one and with two
// (bench/webhook-deliveries.ts), against that receiver's own floor.
// Prints a table and writes bench/results/latest.json.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { generateTestCardNumber } from "../lib/cards/test-cards";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "../tests/support/databases";
import { startServer } from "../tests/support/server";
import { runCli } from "../tests/support/cli";
import { SubmitPool } from "./hosted-submits";
import { benchWebhookDeliveries, printWebhookTable } from "./webhook-deliveries";
import { islandGzippedBytes, measurePageLoad, SCRIPT_BUDGET_BYTES, type PageLoadFigures } from "./page-load";
// @ts-expect-error plain ESM scripts without types
import { migrate } from "../scripts/migrate.mjs";
// @ts-expect-error plain ESM scripts without types
import { buildIfStale } from "../scripts/build-if-stale.mjs";

const CONNECTIONS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const SEEDED_CUSTOMERS = 200;
// Every hosted submit needs a link created and opened for it beforehand,
// which costs the server about half as much again as the submit: their
// rounds are 3 s (BENCH_HOSTED_SECONDS) to keep the bench near 6 minutes.
// The first pool is sized for BENCH_HOSTED_RATE submits/s, later ones for
// the fastest round seen so far.
const HOSTED_SECONDS = Number(process.env.BENCH_HOSTED_SECONDS ?? 3);
const HOSTED_RATE_GUESS = Number(process.env.BENCH_HOSTED_RATE ?? 80);

/**
 * One run's figures. `failed`: responses that were not the scenario's
 * expected answer (for the API any non-2xx; for a hosted submit anything but
 * a 303 to the success_url). `errors`: connection errors and timeouts.
 */
type Figures = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; failed: number; errors: number; total: number };

/** What a scenario runs: autocannon's options, how long, and (when not "any 2xx") how to count failures. */
type Prepared = { options: autocannon.Options; seconds?: number; failed?: (result: autocannon.Result) => number };

function auth(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
}

function expiry(): string {
  const now = new Date();
  return `${String(now.getUTCMonth() + 1).padStart(2, "0")}${String((now.getUTCFullYear() + 3) % 100).padStart(2, "0")}`;
}

let sequence = 0;
function customerBody(): string {
  sequence += 1;
  return JSON.stringify({
    customer_id: `B${process.pid}x${sequence}`,
    customer_first_name: "Bench",
    customer_last_name: "Mark",
    customer_email: "bench@example.com",
    billing_cards: [{ card_number: generateTestCardNumber("4", 16), exp_date: expiry(), billing_zip: "94402", cvv2: "123" }],
  });
}

async function run({ options, seconds = SECONDS, failed }: Prepared): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: seconds, ...options });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    failed: failed ? failed(result) : result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Measures scenarios in interleaved rounds (floor, add, get, floor, add,
 * get, ...) and keeps each scenario's median round: this machine's speed
 * drifts by tens of percent within a minute, and interleaving makes the
 * ratios compare like with like. Each scenario first runs untimed, so its
 * own code paths are compiled by the JIT before any clock starts.
 */
async function measureRounds(scenarios: Record<string, (warmup: boolean) => Prepared | Promise<Prepared>>) {
  const rounds: Record<string, Figures[]> = {};
  for (const [name, prepare] of Object.entries(scenarios)) {
    await run({ ...(await prepare(true)), seconds: WARMUP_SECONDS });
    rounds[name] = [];
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, prepare] of Object.entries(scenarios)) rounds[name]?.push(await run(await prepare(false)));
  }
  const summary: Record<string, Figures & { rounds: number[] }> = {};
  for (const [name, figures] of Object.entries(rounds)) {
    const sum = (key: "non2xx" | "failed" | "errors" | "total") => figures.reduce((n, f) => n + f[key], 0);
    summary[name] = {
      requestsPerSecond: median(figures.map((f) => f.requestsPerSecond)),
      p50: median(figures.map((f) => f.p50)),
      p99: median(figures.map((f) => f.p99)),
      non2xx: sum("non2xx"),
      failed: sum("failed"),
      errors: sum("errors"),
      total: sum("total"),
      rounds: figures.map((f) => f.requestsPerSecond),
    };
  }
  return summary;
}

async function benchDatabase(provider: "sqlite" | "postgres", measurePage: boolean) {
  const dir = mkdtempSync(join(tmpdir(), `vault-bench-${provider}-`));
  const db: TestDatabase = provider === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dir);
  const env = { DATABASE_URL: db.url, VAULT_KEYS_FILE: join(dir, "keys.json"), LOG_LEVEL: "warn" };
  migrate(env);
  const demo = runCli(["setup", "--json"], env) as { api_key: string };
  const server = await startServer(env, join(dir, "server.log"));
  const headers = { authorization: auth(demo.api_key), "content-type": "application/json" };
  try {
    // Seed customers for (b), through the API like any merchant.
    const seeded: string[] = [];
    for (let i = 0; i < SEEDED_CUSTOMERS; i++) {
      const body = customerBody();
      const response = await fetch(`${server.baseUrl}/platform/vault/customer`, { method: "POST", headers, body });
      if (response.status !== 200) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
      seeded.push((JSON.parse(body) as { customer_id: string }).customer_id);
    }
    // Every request is prebuilt before the clock starts (autocannon's
    // setupRequest would rebuild each one on the load generator's core and
    // make the client, not the vault, the bottleneck): each connection gets
    // its own list of distinct bodies, long enough never to wrap.
    const addLists = (warmup: boolean): Prepared => {
      const perConnection = Math.ceil(((warmup ? WARMUP_SECONDS : SECONDS) * 2000) / CONNECTIONS);
      const lists = Array.from({ length: CONNECTIONS }, () =>
        Array.from({ length: perConnection }, () => ({ method: "POST" as const, path: "/platform/vault/customer", body: customerBody() })),
      );
      let connection = 0;
      return {
        options: { url: server.baseUrl, headers, setupClient: (client: autocannon.Client) => client.setRequests(lists[connection++ % CONNECTIONS] ?? []) },
      };
    };
    const gets = seeded.map((id) => ({ method: "GET" as const, path: `/platform/vault/customer/${id}` }));
    // (d): each run first tops the pool of opened links up to what it can
    // use at the fastest rate seen so far, with half again as margin (a run
    // that emptied the pool doubles that rate for the next one).
    const pool = new SubmitPool(server.baseUrl, headers.authorization);
    let hostedRate = HOSTED_RATE_GUESS;
    let poolRanOut = 0;
    const hostedSubmits = async (warmup: boolean): Promise<Prepared> => {
      const seconds = warmup ? WARMUP_SECONDS : HOSTED_SECONDS;
      await pool.fill(Math.ceil(hostedRate * seconds * 1.5) + 2 * CONNECTIONS);
      const { options, tally } = pool.options();
      return {
        options,
        seconds,
        failed: (result) => {
          hostedRate = Math.max(hostedRate, (tally.stored / seconds) * (tally.exhausted > 0 ? 2 : 1));
          if (!warmup) poolRanOut += tally.exhausted;
          return result.requests.total - tally.stored;
        },
      };
    };
    const measured = await measureRounds({
      floor: () => ({ options: { url: `${server.baseUrl}/platform/ping`, headers } }),
      add: addLists,
      get: () => ({ options: { url: server.baseUrl, headers, requests: gets } }),
      hosted: hostedSubmits,
    });
    const { floor, add, get, hosted } = measured as Record<"floor" | "add" | "get" | "hosted", Figures & { rounds: number[] }>;
    const linksPrepared = { linksPrepared: pool.prepared, prepareSeconds: Math.round(pool.prepareMs / 100) / 10, poolRanOut };
    // The page as a browser loads it, on an open link, with the server idle
    // (on the first database only: the page reads one row, and the bench's
    // time is better spent on the submits).
    await pool.fill(1);
    const pageLoad = measurePage ? await measurePageLoad(`${server.baseUrl}${pool.peekPath()}`) : null;
    return { provider, floor, add, get, hosted: { ...hosted, roundSeconds: HOSTED_SECONDS, ...linksPrepared }, pageLoad };
  } finally {
    await server.stop();
    await db.drop();
  }
}

function row(name: string, f: Figures, floor: Figures): string {
  const ratio = `${Math.round((f.requestsPerSecond / floor.requestsPerSecond) * 100)}%`;
  return `| ${name.padEnd(31)} | ${String(f.requestsPerSecond).padStart(7)} | ${ratio.padStart(8)} | ${String(f.p50).padStart(5)} | ${String(f.p99).padStart(5)} | ${String(f.failed + f.errors).padStart(6)} |`;
}

const started = performance.now();
await buildIfStale();
const results = [];
// BENCH_DATABASES=sqlite (or postgres) measures one database only.
const providers = (process.env.BENCH_DATABASES ?? "sqlite,postgres").split(",") as ("sqlite" | "postgres")[];
for (const provider of providers) results.push(await benchDatabase(provider, results.length === 0));
// BENCH_WEBHOOKS=0 leaves the webhook deliveries out.
const webhooks = process.env.BENCH_WEBHOOKS === "0" ? [] : await benchWebhookDeliveries(providers);

const hostedRounds = HOSTED_SECONDS === SECONDS ? "" : ` (hosted submits: ${HOSTED_SECONDS} s)`;
console.log(
  `\n${CONNECTIONS} connections; each scenario warmed up ${WARMUP_SECONDS} s, then ${ROUNDS} interleaved rounds of ${SECONDS} s${hostedRounds}; ` +
    "median round shown; latency in ms",
);
console.log("| scenario                        |   req/s | vs floor |   p50 |   p99 | failed |");
console.log("|---------------------------------|---------|----------|-------|-------|--------|");
for (const r of results) {
  console.log(row(`${r.provider}: (c) floor (ping)`, r.floor, r.floor));
  console.log(row(`${r.provider}: (a) add customer+card`, r.add, r.floor));
  console.log(row(`${r.provider}: (b) get customer`, r.get, r.floor));
  console.log(row(`${r.provider}: (d) hosted submit`, r.hosted, r.floor));
}
for (const r of results) {
  const { linksPrepared, prepareSeconds, poolRanOut } = r.hosted;
  console.log(
    `${r.provider}: ${linksPrepared} links created and opened for the hosted submits in ${prepareSeconds} s${poolRanOut ? `; the pool ran out ${poolRanOut} times` : ""}`,
  );
}

const scriptBytes = islandGzippedBytes();
const pageLoad = results[0]?.pageLoad as PageLoadFigures;
const hostedPage = {
  scriptGzippedBytes: scriptBytes,
  scriptBudgetBytes: SCRIPT_BUDGET_BYTES,
  pageLoad: { provider: results[0]?.provider, ...pageLoad },
  targets: {
    scriptWithinBudget: scriptBytes <= SCRIPT_BUDGET_BYTES,
    loadsOnlyItsScript: pageLoad.scripts.length === 1 && pageLoad.scripts[0]?.url === "/hosted/card-form.js",
  },
};
console.log(
  `\nHosted page JavaScript: public/hosted/card-form.js, ${(scriptBytes / 1024).toFixed(1)} KB gzipped ` +
    `(budget ${SCRIPT_BUDGET_BYTES / 1024} KB); scripts a cold load fetched: ` +
    (pageLoad.scripts.map((s) => `${s.url} (${(s.transferredBytes / 1024).toFixed(1)} KB over the wire)`).join(", ") || "none"),
);
console.log(
  `Hosted page LCP (${results[0]?.provider}, ${pageLoad.browser}, ${pageLoad.viewport.width}x${pageLoad.viewport.height}, ` +
    `median of ${pageLoad.loads}, LCP element ${pageLoad.lcpElement}): ` +
    `cold ${pageLoad.cold.lcpMs} ms (first byte at ${pageLoad.cold.ttfbMs}, FCP ${pageLoad.cold.fcpMs}), ` +
    `warm ${pageLoad.warm.lcpMs} ms (first byte at ${pageLoad.warm.ttfbMs}, FCP ${pageLoad.warm.fcpMs})`,
);
console.log("Hosted page targets:", JSON.stringify(hostedPage.targets));
printWebhookTable(webhooks);

const targets = results.map((r) => ({
  provider: r.provider,
  addAtLeast40PercentOfFloor: r.add.requestsPerSecond >= 0.4 * r.floor.requestsPerSecond,
  getAtLeast70PercentOfFloor: r.get.requestsPerSecond >= 0.7 * r.floor.requestsPerSecond,
  p99Under50ms: [r.add, r.get].every((f) => f.p99 < 50),
  noFailures: [r.floor, r.add, r.get, r.hosted].every((f) => f.failed === 0 && f.errors === 0),
  webhooksEachDeliveredOnceInOrder: webhooks
    .filter((w) => w.provider === r.provider)
    .every((w) => w.missing === 0 && w.duplicates === 0 && w.unexpected === 0 && w.outOfOrder === 0 && w.badSignatures === 0),
}));
console.log("\nTargets:", JSON.stringify(targets));
const durationSeconds = Math.round((performance.now() - started) / 1000);
console.log(`Bench took ${durationSeconds} s.`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/latest.json",
  JSON.stringify(
    {
      date: new Date().toISOString(),
      connections: CONNECTIONS,
      seconds: SECONDS,
      hostedSeconds: HOSTED_SECONDS,
      rounds: ROUNDS,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds,
      results: results.map(({ pageLoad: _pageLoad, ...r }) => r),
      hostedPage,
      webhooks,
      targets,
    },
    null,
    2,
  ),
);
console.log("Written to bench/results/latest.json");
