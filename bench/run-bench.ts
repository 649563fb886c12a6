// `npm run bench`: the vault's throughput and latency as a merchant runs it,
// against a hand-written floor measured in the same run, on SQLite and on
// PostgreSQL.
//
// For each database: a fresh, migrated database with a merchant and its key
// (`vault setup --json`), then
// - the product as `npm start` starts it (scripts/start.mjs: server.mjs and
//   the worker, default log level, output to a log file; bench/start-product.ts),
// - the floor beside it on the same database and key file: a plain
//   node:http server doing the same work per request on the same drivers,
//   crypto and database settings (bench/floor/),
// - a check that the two answer alike and write the same rows
//   (bench/floor/check-same-work.ts),
// then autocannon at 16 connections, in interleaved rounds:
//   add customer + card: POST /platform/vault/customer with one card, product and floor
//   get customer:        GET /platform/vault/customer/{id} with its cards, product and floor
//   sale by card_id:     POST /pg/sale on a seeded vault card, sandbox connector, product and floor
//   no-op operation:     GET /platform/ping, an authenticated operation doing nothing else
//                        (a reference for what the request path costs without the work)
//   hosted submit:       a customer's card form posted to POST /checkout/{id},
//                        answered by a 303 to the link's success_url (bench/hosted-submits.ts)
//   payment submit:      the same post to a payment link (amt_tran 10.00, approved by the
//                        sandbox), answered by the 303 to the success_url with pg_id and
//                        amt_tran; checked first to write the sale, card and event and spend
//                        the link (bench/check-payment-submit.ts)
// Then, on the first database's product, the hosted page in Chromium (its
// Largest Contentful Paint and the scripts it loads, bench/page-load.ts), the
// server's memory, the page with JavaScript off, and the hosted script's
// gzipped size with its brand marks, each against its budget (issue 19).
// Then webhook deliveries per second with real worker processes
// (bench/webhook-deliveries.ts), and the billing run: 10,000 subscriptions
// due on one day charged by real worker processes (bench/billing-run.ts),
// and the Account Updater's monthly harvest: 100,000 eligible cards chosen,
// sent to the sandbox network, answered and applied by real worker processes
// (bench/account-updater-harvest.ts).
// Prints its tables and writes bench/results/latest.json.
//
// Switches: BENCH_DATABASES=sqlite (or postgres) measures one database;
// BENCH_HOSTED=0 leaves out the hosted and payment submits and the page load;
// BENCH_WEBHOOKS=0 leaves out the webhook deliveries; BENCH_BILLING=0 the
// billing run (BENCH_BILLING_SUBSCRIPTIONS sets its size); BENCH_AU=0 the
// Account Updater harvest (BENCH_AU_CARDS sets its size,
// BENCH_AU_POSTGRES_WORKERS=1,2 adds two workers on PostgreSQL); BENCH_API=0 the
// API scenarios, the hosted page and the memory after them; BENCH_SECONDS,
// BENCH_ROUNDS, BENCH_WARMUP_SECONDS, BENCH_HOSTED_SECONDS set the timing.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type autocannon from "autocannon";
import { generateTestCardNumber } from "../lib/cards/test-cards";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "../tests/support/databases";
import { runCli } from "../tests/support/cli";
import { checkSameSale, checkSameWork } from "./floor/check-same-work";
import { checkPaymentSubmit } from "./check-payment-submit";
import { PAYMENT_AMOUNT, SubmitPool } from "./hosted-submits";
import { CONNECTIONS, measureRounds, ROUNDS, SECONDS, WARMUP_SECONDS, type Prepared, type Scenario, type Summary } from "./measure-rounds";
import { measurePageLoad } from "./page-load";
import { printResults, targetsOf, type DatabaseResult, type HostedFigures } from "./print-results";
import { rssMegabytes, treeRssMegabytes, type ServerProcess } from "./server-process";
import { startFloor } from "./start-floor";
import { startProduct, type RunningProduct } from "./start-product";
import { benchWebhookDeliveries, printWebhookTable } from "./webhook-deliveries";
import { benchBillingRun, billingTargets, printBillingTable } from "./billing-run";
import { accountUpdaterTargets, benchAccountUpdaterHarvest, printAccountUpdaterTable } from "./account-updater-harvest";
// @ts-expect-error plain ESM scripts without types
import { migrate } from "../scripts/migrate.mjs";
// @ts-expect-error plain ESM scripts without types
import { buildIfStale } from "../scripts/build-if-stale.mjs";

const SEEDED_CUSTOMERS = 200;
// Every hosted (or payment) submit needs a link created and opened for it beforehand,
// which costs the server about half as much again as the submit: their
// rounds are 3 s (BENCH_HOSTED_SECONDS) to keep the bench's length down.
// The first pool is sized for BENCH_HOSTED_RATE submits/s, later ones for
// the fastest round seen so far.
const HOSTED_SECONDS = Number(process.env.BENCH_HOSTED_SECONDS ?? 3);
const HOSTED_RATE_GUESS = Number(process.env.BENCH_HOSTED_RATE ?? 80);
const HOSTED = process.env.BENCH_HOSTED !== "0";
// Bodies for the adds are built for this many requests/s at first, then for
// half again the fastest add round seen (product or floor): a connection
// whose list ran out would resend a customer_id, and its 409s would count
// as failures.
let addRate = Number(process.env.BENCH_ADD_RATE ?? 4000);

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

/**
 * Adds against `baseUrl`. Every request is prebuilt before the clock starts
 * (autocannon's setupRequest would rebuild each one on the load generator's
 * core and make the client, not the server, the bottleneck): each connection
 * gets its own list of distinct bodies, long enough never to wrap.
 */
function adds(baseUrl: string, headers: Record<string, string>): Scenario {
  return (warmup) => {
    const seconds = warmup ? WARMUP_SECONDS : SECONDS;
    const perConnection = Math.ceil((seconds * addRate * 1.5) / CONNECTIONS);
    const lists = Array.from({ length: CONNECTIONS }, () =>
      Array.from({ length: perConnection }, () => ({ method: "POST" as const, path: "/platform/vault/customer", body: customerBody() })),
    );
    let connection = 0;
    return {
      options: { url: baseUrl, headers, setupClient: (client: autocannon.Client) => client.setRequests(lists[connection++ % CONNECTIONS] ?? []) },
      seconds,
      failed: (result) => {
        addRate = Math.max(addRate, result.requests.average);
        return result.non2xx;
      },
    };
  };
}

/**
 * Submits drawn from `pool` (bench/hosted-submits.ts): each run first tops
 * the pool of opened links up to what it can use at the fastest rate seen so
 * far, with half again as margin (a run that emptied the pool doubles that
 * rate for the next one). Only the pool's success redirect counts.
 */
function submits(pool: SubmitPool) {
  let rate = HOSTED_RATE_GUESS;
  let poolRanOut = 0;
  const scenario = async (warmup: boolean): Promise<Prepared> => {
    const seconds = warmup ? WARMUP_SECONDS : HOSTED_SECONDS;
    await pool.fill(Math.ceil(rate * seconds * 1.5) + 2 * CONNECTIONS);
    const { options, tally } = pool.options();
    return {
      options,
      seconds,
      failed: (result) => {
        rate = Math.max(rate, (tally.stored / seconds) * (tally.exhausted > 0 ? 2 : 1));
        if (!warmup) poolRanOut += tally.exhausted;
        return result.requests.total - tally.stored;
      },
    };
  };
  const figures = () => ({ roundSeconds: HOSTED_SECONDS, linksPrepared: pool.prepared, prepareSeconds: Math.round(pool.prepareMs / 100) / 10, poolRanOut });
  return { scenario, figures };
}

async function benchDatabase(provider: "sqlite" | "postgres", measurePage: boolean): Promise<DatabaseResult> {
  const dir = mkdtempSync(join(tmpdir(), `vault-bench-${provider}-`));
  const db: TestDatabase = provider === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dir);
  const env = { DATABASE_URL: db.url, VAULT_KEYS_FILE: join(dir, "keys.json") };
  migrate(env);
  const demo = runCli(["setup", "--json"], env) as { api_key: string };
  const headers = { authorization: auth(demo.api_key), "content-type": "application/json" };
  let product: RunningProduct | undefined;
  let floor: ServerProcess | undefined;
  try {
    product = await startProduct(env, join(dir, "product.log"));
    floor = await startFloor(env, join(dir, "floor.log"));
    // Seed customers for the reads, through the product's API like any merchant.
    const seeded: string[] = [];
    const seededCards: string[] = [];
    for (let i = 0; i < SEEDED_CUSTOMERS; i++) {
      const body = customerBody();
      const response = await fetch(`${product.baseUrl}/platform/vault/customer`, { method: "POST", headers, body });
      if (response.status !== 200) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
      seeded.push((JSON.parse(body) as { customer_id: string }).customer_id);
      seededCards.push(((await response.json()) as { data: { billing_cards: { card_id: string }[] } }).data.billing_cards[0]!.card_id);
    }
    const target = { provider, url: db.url, keysFile: env.VAULT_KEYS_FILE, authorization: headers.authorization };
    await checkSameWork({ product: product.baseUrl, floor: floor.baseUrl }, target, seeded[0] as string);
    await checkSameSale({ product: product.baseUrl, floor: floor.baseUrl }, target, seededCards[0] as string);

    const gets = seeded.map((id) => ({ method: "GET" as const, path: `/platform/vault/customer/${id}` }));
    // Sales of an approvable amount (no test cents) on the seeded cards, in turn.
    const sales = seededCards.map((id) => ({
      method: "POST" as const,
      path: "/pg/sale",
      body: JSON.stringify({ merchant_id: 0, card_id: id, amt_tran: "10.00" }),
    }));
    const productUrl = product.baseUrl;
    const pool = new SubmitPool(productUrl, headers.authorization);
    if (HOSTED) await checkPaymentSubmit(productUrl, target, PAYMENT_AMOUNT);
    const hosted = submits(pool);
    const payments = submits(new SubmitPool(productUrl, headers.authorization, PAYMENT_AMOUNT));
    const floorUrl = floor.baseUrl;
    const scenarios: Record<string, Scenario> = {
      add: adds(productUrl, headers),
      floorAdd: adds(floorUrl, headers),
      get: () => ({ options: { url: productUrl, headers, requests: gets } }),
      floorGet: () => ({ options: { url: floorUrl, headers, requests: gets } }),
      noop: () => ({ options: { url: `${productUrl}/platform/ping`, headers } }),
      sale: () => ({ options: { url: productUrl, headers, requests: sales } }),
      floorSale: () => ({ options: { url: floorUrl, headers, requests: sales } }),
    };
    if (HOSTED) {
      scenarios.hosted = hosted.scenario;
      scenarios.payment = payments.scenario;
    }
    const measured = await measureRounds(scenarios);
    // The page as a browser loads it, on an open link, with the server idle
    // (on the first database only: the page reads one row).
    let pageLoad = null;
    if (HOSTED && measurePage) {
      await pool.fill(1);
      pageLoad = await measurePageLoad(`${productUrl}${pool.peekPath()}`);
    }
    const rssMB = {
      server: treeRssMegabytes(product.serverPid),
      worker: product.workerPid ? rssMegabytes(product.workerPid) : null,
      floor: rssMegabytes(floor.child.pid ?? 0),
    };
    const share = (a: Summary, b: Summary) => Math.round((a.requestsPerSecond / b.requestsPerSecond) * 100);
    const { add, floorAdd, get, floorGet, noop, sale, floorSale } = measured as Record<
      "add" | "floorAdd" | "get" | "floorGet" | "noop" | "sale" | "floorSale",
      Summary
    >;
    const hostedFigures = (summary: Summary | undefined, of: ReturnType<typeof submits>): HostedFigures | null =>
      summary ? { ...summary, ...of.figures(), shareOfNoop: share(summary, noop) } : null;
    const hostedSubmit = hostedFigures(measured.hosted, hosted);
    const paymentSubmit = hostedFigures(measured.payment, payments);
    return {
      provider,
      add: { product: add, floor: floorAdd, shareOfFloor: share(add, floorAdd) },
      get: { product: get, floor: floorGet, shareOfFloor: share(get, floorGet) },
      sale: { product: sale, floor: floorSale, shareOfFloor: share(sale, floorSale), shareOfAdd: share(sale, add) },
      noop,
      hosted: hostedSubmit,
      payment: paymentSubmit && hostedSubmit && { ...paymentSubmit, shareOfHosted: share(paymentSubmit, hostedSubmit) },
      rssMB,
      pageLoad,
    };
  } finally {
    await floor?.stop();
    await product?.stop();
    await db.drop();
  }
}

const started = performance.now();
await buildIfStale();
const results: DatabaseResult[] = [];
const providers = (process.env.BENCH_DATABASES ?? "sqlite,postgres").split(",") as ("sqlite" | "postgres")[];
if (process.env.BENCH_API !== "0") for (const provider of providers) results.push(await benchDatabase(provider, results.length === 0));
const webhooks = process.env.BENCH_WEBHOOKS === "0" ? [] : await benchWebhookDeliveries(providers);
const billing = process.env.BENCH_BILLING === "0" ? [] : await benchBillingRun(providers);
const accountUpdater = process.env.BENCH_AU === "0" ? [] : await benchAccountUpdaterHarvest(providers);

const hostedPage = results.length > 0 ? printResults(results, { hostedSeconds: HOSTED ? HOSTED_SECONDS : null }) : null;
printWebhookTable(webhooks);
printBillingTable(billing);
printAccountUpdaterTable(accountUpdater);
const targets = targetsOf(results, webhooks);
const billingGoals = billing.length > 0 ? billingTargets(billing) : null;
console.log("\nTargets:", JSON.stringify(targets));
const accountUpdaterGoals = accountUpdater.length > 0 ? accountUpdaterTargets(accountUpdater) : null;
if (billingGoals) console.log("Billing targets:", JSON.stringify(billingGoals));
if (accountUpdaterGoals) console.log("Account Updater targets:", JSON.stringify(accountUpdaterGoals));
const durationSeconds = Math.round((performance.now() - started) / 1000);
console.log(`Bench took ${durationSeconds} s.`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/latest.json",
  JSON.stringify(
    {
      date: new Date().toISOString(),
      method: "product started as `npm start` starts it (scripts/start.mjs: server.mjs + worker, default log level); floor: bench/floor on the same database",
      connections: CONNECTIONS,
      seconds: SECONDS,
      hostedSeconds: HOSTED ? HOSTED_SECONDS : null,
      rounds: ROUNDS,
      warmupSeconds: WARMUP_SECONDS,
      durationSeconds,
      results: results.map(({ pageLoad: _pageLoad, ...r }) => r),
      hostedPage,
      webhooks,
      billing,
      targets,
      billingTargets: billingGoals,
      accountUpdater,
      accountUpdaterTargets: accountUpdaterGoals,
    },
    null,
    2,
  ),
);
console.log("Written to bench/results/latest.json");
