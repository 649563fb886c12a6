// The bench's tables and its targets (the goals of issues 15 and 16), from the
// figures of each database.
import type { Summary } from "./measure-rounds";
import { CONNECTIONS, ROUNDS, SECONDS, WARMUP_SECONDS } from "./measure-rounds";
import { islandGzippedBytes, LCP_BUDGET_MS, NO_SCRIPT_PAGE_BUDGET_BYTES, SCRIPT_BUDGET_BYTES, type PageLoadFigures } from "./page-load";
import type { WebhookFigures } from "./webhook-deliveries";

/** A scenario measured on the product and on the floor; shareOfFloor in percent. */
export type Versus = { product: Summary; floor: Summary; shareOfFloor: number };
export type HostedFigures = Summary & { roundSeconds: number; linksPrepared: number; prepareSeconds: number; poolRanOut: number; shareOfNoop: number };

export type DatabaseResult = {
  provider: "sqlite" | "postgres";
  add: Versus;
  get: Versus;
  /** A sale by card_id on the sandbox; shareOfAdd: its rate as a share of the product's add-customer rate (issue 16's goal). */
  sale: Versus & { shareOfAdd: number };
  /** The API's no-op operation, GET /platform/ping (reference). */
  noop: Summary;
  hosted: HostedFigures | null;
  /** A payment link's submit, measured as the hosted submit is; shareOfHosted: its rate as a share of the hosted submit's. */
  payment: (HostedFigures & { shareOfHosted: number }) | null;
  /** Resident memory after the bench, in MB: server.mjs (with any web processes it forked), the worker, the floor. */
  rssMB: { server: number | null; worker: number | null; floor: number | null };
  pageLoad: PageLoadFigures | null;
};

const RSS_LIMIT_MB = 300;

const failures = (f: Summary) => f.failed + f.errors;

function row(cells: (string | number)[]): string {
  const widths = [44, 7, 7, 8, 8, 5, 5, 9, 11];
  return `| ${cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i] ?? 0) : String(cell).padStart(widths[i] ?? 0))).join(" | ")} |`;
}

function versusRow(name: string, v: Versus, noop: Summary): string {
  const p = v.product;
  const ofNoop = `${Math.round((p.requestsPerSecond / noop.requestsPerSecond) * 100)}%`;
  return row([
    name,
    p.requestsPerSecond,
    v.floor.requestsPerSecond,
    `${v.shareOfFloor}%`,
    ofNoop,
    p.p50,
    p.p99,
    v.floor.p99,
    `${failures(p)} / ${failures(v.floor)}`,
  ]);
}

/** Prints the API table, the memory and the hosted page's figures; returns the hosted page's summary for the JSON. */
export function printResults(results: DatabaseResult[], options: { hostedSeconds: number | null }) {
  const hostedRounds = options.hostedSeconds !== null && options.hostedSeconds !== SECONDS ? ` (hosted submits: ${options.hostedSeconds} s)` : "";
  console.log(
    `\nThe product as npm start runs it, against the hand-written floor on the same database. ${CONNECTIONS} connections; ` +
      `each scenario warmed up ${WARMUP_SECONDS} s, then ${ROUNDS} interleaved rounds of ${SECONDS} s${hostedRounds}; median round shown; latency in ms`,
  );
  console.log(row(["scenario", "req/s", "floor", "of floor", "of no-op", "p50", "p99", "floor p99", "failed p/f"]));
  console.log(row(["-".repeat(44), "-".repeat(7), "-".repeat(7), "-".repeat(8), "-".repeat(8), "-".repeat(5), "-".repeat(5), "-".repeat(9), "-".repeat(11)]));
  for (const r of results) {
    console.log(versusRow(`${r.provider}: add customer + card`, r.add, r.noop));
    console.log(versusRow(`${r.provider}: get customer`, r.get, r.noop));
    console.log(versusRow(`${r.provider}: sale by card_id (${r.sale.shareOfAdd}% of add)`, r.sale, r.noop));
    const n = r.noop;
    console.log(row([`${r.provider}: no-op operation, ping (reference)`, n.requestsPerSecond, "-", "-", "100%", n.p50, n.p99, "-", failures(n)]));
    const h = r.hosted;
    if (h) console.log(row([`${r.provider}: hosted submit`, h.requestsPerSecond, "-", "-", `${h.shareOfNoop}%`, h.p50, h.p99, "-", failures(h)]));
    const p = r.payment;
    if (p) {
      const name = `${r.provider}: payment submit (${p.shareOfHosted}% of hosted)`;
      console.log(row([name, p.requestsPerSecond, "-", "-", `${p.shareOfNoop}%`, p.p50, p.p99, "-", failures(p)]));
    }
  }
  for (const r of results) {
    console.log(
      `${r.provider}: RSS after the bench: server.mjs ${r.rssMB.server} MB (limit ${RSS_LIMIT_MB}), worker ${r.rssMB.worker} MB, floor ${r.rssMB.floor} MB`,
    );
    for (const [what, figures] of [
      ["hosted", r.hosted],
      ["payment", r.payment],
    ] as const) {
      if (!figures) continue;
      const { linksPrepared, prepareSeconds, poolRanOut } = figures;
      console.log(
        `${r.provider}: ${linksPrepared} links created and opened for the ${what} submits in ${prepareSeconds} s${poolRanOut ? `; the pool ran out ${poolRanOut} times` : ""}`,
      );
    }
  }

  const island = islandGzippedBytes();
  const scriptBytes = island.largest.bytes + island.brandMarks;
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const pageLoad = results[0]?.pageLoad ?? null;
  console.log(
    `\nHosted page JavaScript, one language per page: ${Object.entries(island.scripts)
      .map(([locale, bytes]) => `card-form.${locale}.js ${kb(bytes)} KB`)
      .join(
        ", ",
      )}; the largest (${island.largest.locale}) + brand marks' sprite ${kb(island.brandMarks)} KB = ${kb(scriptBytes)} KB gzipped (budget ${SCRIPT_BUDGET_BYTES / 1024} KB)`,
  );
  if (!pageLoad) {
    console.log("Hosted page load: not measured (BENCH_HOSTED=0)");
    return {
      scriptGzippedBytes: scriptBytes,
      scriptBudgetBytes: SCRIPT_BUDGET_BYTES,
      pageLoad: null,
      targets: { scriptWithinBudget: scriptBytes <= SCRIPT_BUDGET_BYTES },
    };
  }
  const hostedPage = {
    scriptGzippedBytes: scriptBytes,
    scriptBudgetBytes: SCRIPT_BUDGET_BYTES,
    pageLoad: { provider: results[0]?.provider, ...pageLoad },
    targets: {
      scriptWithinBudget: scriptBytes <= SCRIPT_BUDGET_BYTES,
      loadsOnlyItsScript: pageLoad.scripts.length === 1 && pageLoad.scripts[0]?.url === "/hosted/card-form.en.js",
      coldLcpUnder500ms: pageLoad.cold.lcpMs < LCP_BUDGET_MS,
      noScriptPageUnder20KB: pageLoad.noScript.totalBytes <= NO_SCRIPT_PAGE_BUDGET_BYTES,
    },
  };
  console.log(
    `Hosted page with JavaScript off: ${kb(pageLoad.noScript.totalBytes)} KB in all (budget ${NO_SCRIPT_PAGE_BUDGET_BYTES / 1024} KB): ` +
      pageLoad.noScript.resources.map((r) => `${r.url} ${kb(r.transferredBytes)} KB`).join(", "),
  );
  console.log(
    "Scripts a cold load fetched: " +
      (pageLoad.scripts.map((s) => `${s.url} (${(s.transferredBytes / 1024).toFixed(1)} KB over the wire)`).join(", ") || "none"),
  );
  console.log(
    `Hosted page LCP (${results[0]?.provider}, ${pageLoad.browser}, ${pageLoad.viewport.width}x${pageLoad.viewport.height}, ` +
      `median of ${pageLoad.loads}, LCP element ${pageLoad.lcpElement}): ` +
      `cold ${pageLoad.cold.lcpMs} ms (first byte at ${pageLoad.cold.ttfbMs}, FCP ${pageLoad.cold.fcpMs}), ` +
      `warm ${pageLoad.warm.lcpMs} ms (first byte at ${pageLoad.warm.ttfbMs}, FCP ${pageLoad.warm.fcpMs})`,
  );
  console.log("Hosted page targets:", JSON.stringify(hostedPage.targets));
  return hostedPage;
}

/** The goals of issues 15 and 16, per database. */
export function targetsOf(results: DatabaseResult[], webhooks: WebhookFigures[]) {
  return results.map((r) => ({
    provider: r.provider,
    addAtLeast40PercentOfFloor: r.add.shareOfFloor >= 40,
    getAtLeast25PercentOfFloor: r.get.shareOfFloor >= 25,
    p99Under25ms: [r.add.product, r.get.product].every((f) => f.p99 < 25),
    saleAtLeast50PercentOfAdd: r.sale.shareOfAdd >= 50,
    saleP99Under50ms: r.sale.product.p99 < 50,
    noFailures: [
      r.add.product,
      r.add.floor,
      r.get.product,
      r.get.floor,
      r.sale.product,
      r.sale.floor,
      r.noop,
      ...(r.hosted ? [r.hosted] : []),
      ...(r.payment ? [r.payment] : []),
    ].every((f) => failures(f) === 0),
    serverRssUnder300MB: r.rssMB.server !== null && r.rssMB.server < RSS_LIMIT_MB,
    webhooksEachDeliveredOnceInOrder: webhooks
      .filter((w) => w.provider === r.provider)
      .every((w) => w.missing === 0 && w.duplicates === 0 && w.unexpected === 0 && w.outOfOrder === 0 && w.badSignatures === 0),
  }));
}
