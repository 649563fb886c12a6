// The Account Updater's monthly harvest: CARDS (BENCH_AU_CARDS, 100,000)
// eligible vault cards chosen, sent to the sandbox network, answered and
// applied by real worker processes, on PostgreSQL with one worker (two with
// BENCH_AU_POSTGRES_WORKERS=1,2) and on SQLite with one (as the README says
// to run it).
//
// For each configuration: a fresh database, migrated, with its own key file;
// bench/account-updater-database.ts seeds two sandbox merchants with CARDS
// cards each (10% of them the sandbox's 201 and 202 numbers): the product's,
// enrolled with its harvest due today, and the floor's. Then the worker
// processes start (`node dist/worker.mjs`, as `npm run worker`,
// WORKER_POLL_MS=50) and the clock runs from their spawn until the harvest
// request is COMPLETED, read from the database every WATCH_MS: a first pass
// starts the harvest, chooses its cards in files of 1,000 and sends them, and
// the next pass collects the sandbox's answers and applies them, one
// transaction per file. The phases reported are the database's own times
// (the request's row, its first and last file written, its first and last
// file applied). The workers' resident memory is sampled meanwhile and their
// peak (VmHWM) read at the end; they are stopped with SIGTERM and must exit 0.
// What the database then holds is checked (bench/account-updater-same-work.ts).
//
// The floor, measured after each configuration on its database:
// bench/account-updater-floor.ts, one process harvesting the floor
// merchant's cards with the same work per card on the same driver; its rows
// are checked the same way, and compared with the product's card by card.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "../tests/support/databases";
import type { AccountUpdaterReport, Seeded } from "./account-updater-database";
import { harvestProblems, sampleDifferences } from "./account-updater-same-work";
// @ts-expect-error plain ESM scripts without types
import { migrate } from "../scripts/migrate.mjs";
import { workerArgs } from "../scripts/worker-command.mjs";
import { exited, peakRssMegabytes } from "./server-process";

const CARDS = Number(process.env.BENCH_AU_CARDS ?? 100_000);
const DEADLINE_MS = 180_000;
const WATCH_MS = 100;
const WORKER_RSS_LIMIT_MB = 300;
const GOAL_CARDS_PER_SECOND = 2000;

export type AccountUpdaterFigures = {
  provider: "sqlite" | "postgres";
  workers: number;
  cards: number;
  seedSeconds: number;
  /** Spawn of the workers to the request COMPLETED. */
  seconds: number;
  /** Cards applied per second over it. */
  cardsPerSecond: number;
  /** The phases, in seconds from the spawn: the harvest's request written, its last file chosen, its first and last file applied. */
  phases: { requestAt: number; chosenAt: number; firstAppliedAt: number; completedAt: number };
  /** The floor's cards per second (its first read to its last commit) and its own time. */
  floorPerSecond: number;
  floorSeconds: number;
  /** Each worker's peak resident memory (VmHWM), in MB. */
  peakRssMB: number[];
  workerExitCodes: (number | null)[];
  /** Files each worker sent and cards each applied, from the "account updater pass" lines of its log (most applied first). */
  byWorker: { sent: number; applied: number }[];
  /** How the wait ended: "completed", "deadline", or a worker's exit. */
  ended: string;
  /** What was wrong with the product's work, the floor's, or the floor's rows against the product's ([] when nothing). */
  problems: string[];
};

function runTsx(script: string, args: string[], env: Record<string, string>): string {
  const out = execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.trim().split("\n").at(-1) ?? "";
}

type Times = { requestMs: number; chosenMs: number; firstAppliedMs: number; completedMs: number };

/** Reads the merchant's harvest beside the workers, on the database's own driver. */
type Watcher = { status(): Promise<string | null>; times(): Promise<Times>; close(): Promise<void> };

const STATUS_SQL = `SELECT "status" FROM "AccountUpdaterRequest" WHERE "merchantId" = $1 ORDER BY "id" LIMIT 1`;
const TIMES_SQL = (ms: (column: string) => string) => `
  SELECT ${ms(`r."createdAt"`)} AS "request", ${ms(`r."updatedAt"`)} AS "completed",
    (SELECT ${ms(`MAX(f."createdAt")`)} FROM "AccountUpdaterFile" f WHERE f."requestId" = r."id") AS "chosen",
    (SELECT ${ms(`MIN(f."doneAt")`)} FROM "AccountUpdaterFile" f WHERE f."requestId" = r."id") AS "firstApplied"
  FROM "AccountUpdaterRequest" r WHERE r."merchantId" = $1 ORDER BY r."id" LIMIT 1`;

async function watch(db: TestDatabase, merchantId: string): Promise<Watcher> {
  type Row = { request: unknown; completed: unknown; chosen: unknown; firstApplied: unknown };
  const toTimes = (row: Row | undefined, parse: (value: unknown) => number): Times => ({
    requestMs: parse(row?.request),
    chosenMs: parse(row?.chosen),
    firstAppliedMs: parse(row?.firstApplied),
    completedMs: parse(row?.completed),
  });
  if (db.provider === "sqlite") {
    const sqlite = new Database(db.file ?? "", { readonly: true });
    const status = sqlite.prepare(STATUS_SQL.replace("$1", "?"));
    const times = sqlite.prepare(TIMES_SQL((column) => column).replace("$1", "?"));
    const id = BigInt(merchantId);
    return {
      status: async () => (status.get(id) as { status: string } | undefined)?.status ?? null,
      times: async () => toTimes(times.get(id) as Row | undefined, (value) => Date.parse(String(value))),
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    status: async () => (await client.query<{ status: string }>(STATUS_SQL, [merchantId])).rows[0]?.status ?? null,
    // Stored as UTC wall-clock time without a zone.
    times: async () =>
      toTimes(
        (
          await client.query<Row>(
            TIMES_SQL((column) => `EXTRACT(EPOCH FROM ${column}) * 1000`),
            [merchantId],
          )
        ).rows[0],
        Number,
      ),
    close: () => client.end(),
  };
}

/** Files sent and cards applied per worker from the workers' log (pino JSON lines: "account updater pass" with its pid and counts). */
function workByWorker(logFile: string): { sent: number; applied: number }[] {
  const byPid = new Map<number, { sent: number; applied: number }>();
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (!line.includes('"account updater pass"')) continue;
    const entry = JSON.parse(line) as { pid: number; sent: number; applied: number };
    const work = byPid.get(entry.pid) ?? { sent: 0, applied: 0 };
    work.sent += entry.sent;
    work.applied += entry.applied;
    byPid.set(entry.pid, work);
  }
  return [...byPid.values()].sort((a, b) => b.applied - a.applied);
}

const round = (value: number, places = 0) => Math.round(value * 10 ** places) / 10 ** places;

async function benchConfiguration(provider: "sqlite" | "postgres", workers: number): Promise<AccountUpdaterFigures> {
  const dir = mkdtempSync(join(tmpdir(), `vault-bench-au-${provider}-`));
  const db: TestDatabase = provider === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dir);
  const env = { DATABASE_URL: db.url, VAULT_KEYS_FILE: join(dir, "keys.json") };
  const quiet = { ...env, LOG_LEVEL: "warn" };
  const children: ChildProcess[] = [];
  let watcher: Watcher | undefined;
  try {
    migrate(env);
    const seedStarted = performance.now();
    const seeded = JSON.parse(runTsx("bench/account-updater-database.ts", [String(CARDS)], quiet)) as Seeded;
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    watcher = await watch(db, seeded.productMerchantId);

    const logFile = join(dir, "workers.log");
    const log = openSync(logFile, "a");
    const spawnedAt = Date.now();
    for (let i = 0; i < workers; i++) {
      children.push(
        spawn(process.execPath, workerArgs(), {
          cwd: process.cwd(),
          env: { ...process.env, ...env, WORKER_POLL_MS: "50" },
          stdio: ["ignore", log, log],
        }),
      );
    }
    closeSync(log);
    let died = "";
    for (const child of children) child.once("exit", (code) => (died ||= `a worker exited with ${code}`));
    let ended = "completed";
    for (;;) {
      const status = await watcher.status();
      if (status === "COMPLETED") break;
      if (died || Date.now() - spawnedAt > DEADLINE_MS) {
        ended = died || "deadline";
        console.warn(`account updater ${provider}×${workers}: ${ended} with the harvest ${status ?? "not started"}; see ${dir}/workers.log`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
    }
    const peakRssMB = children.map((c) => peakRssMegabytes(c.pid ?? 0) ?? 0);
    for (const child of children) child.kill("SIGTERM");
    const workerExitCodes = await Promise.all(children.map((c) => exited(c, 20_000)));
    const times = await watcher.times();
    const from = (ms: number) => round((ms - spawnedAt) / 1000, 2);
    const seconds = (times.completedMs - spawnedAt) / 1000;

    const report = (merchantId: string) =>
      JSON.parse(runTsx("bench/account-updater-database.ts", ["--report", merchantId, seeded.expDate], quiet)) as AccountUpdaterReport;
    const productReport = report(seeded.productMerchantId);
    const problems = harvestProblems(productReport, seeded).map((p) => `product: ${p}`);
    const floor = JSON.parse(runTsx("bench/account-updater-floor.ts", [seeded.floorMerchantId, String(seeded.today)], quiet)) as { cards: number; ms: number };
    const floorReport = report(seeded.floorMerchantId);
    problems.push(...harvestProblems(floorReport, seeded).map((p) => `floor: ${p}`));
    problems.push(...sampleDifferences(productReport.samples, floorReport.samples).map((d) => `floor's rows against the product's: ${d}`));
    return {
      provider,
      workers,
      cards: seeded.cards,
      seedSeconds,
      seconds: round(seconds, 2),
      cardsPerSecond: round(seeded.cards / seconds),
      phases: {
        requestAt: from(times.requestMs),
        chosenAt: from(times.chosenMs),
        firstAppliedAt: from(times.firstAppliedMs),
        completedAt: from(times.completedMs),
      },
      floorPerSecond: round((floor.cards / floor.ms) * 1000),
      floorSeconds: round(floor.ms / 1000, 2),
      peakRssMB,
      workerExitCodes,
      byWorker: workByWorker(logFile),
      ended,
      problems,
    };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await watcher?.close();
    await db.drop();
  }
}

/**
 * PostgreSQL with one worker (and with two when BENCH_AU_POSTGRES_WORKERS=1,2:
 * on this two-core machine the second worker shares the cores with the first
 * and with PostgreSQL, and measured no faster); SQLite with one.
 */
export async function benchAccountUpdaterHarvest(providers: ("sqlite" | "postgres")[]): Promise<AccountUpdaterFigures[]> {
  const postgresWorkers = (process.env.BENCH_AU_POSTGRES_WORKERS ?? "1").split(",").map(Number);
  const results: AccountUpdaterFigures[] = [];
  for (const provider of providers)
    for (const workers of provider === "sqlite" ? [1] : postgresWorkers) results.push(await benchConfiguration(provider, workers));
  return results;
}

export function printAccountUpdaterTable(results: AccountUpdaterFigures[]): void {
  if (results.length === 0) return;
  console.log(
    `\nAccount Updater harvest: ${results[0]?.cards} eligible cards (10% answered 201 or 202 by the sandbox), chosen, sent, answered and applied by worker processes, ` +
      `timed from their spawn to the request COMPLETED; floor: bench/account-updater-floor.ts, one process doing the same work per card on the same driver ` +
      `(another merchant's cards, same mix, on the same database)`,
  );
  console.log("| database   | workers | total s | cards/s | chosen at s | first applied at s | floor /s | vs floor | peak RSS MB |");
  console.log("|------------|---------|---------|---------|-------------|--------------------|----------|----------|-------------|");
  for (const r of results) {
    console.log(
      `| ${r.provider.padEnd(10)} | ${String(r.workers).padStart(7)} | ${r.seconds.toFixed(2).padStart(7)} | ${String(r.cardsPerSecond).padStart(7)} | ` +
        `${r.phases.chosenAt.toFixed(2).padStart(11)} | ${r.phases.firstAppliedAt.toFixed(2).padStart(18)} | ${String(r.floorPerSecond).padStart(8)} | ` +
        `${`${Math.round((r.cardsPerSecond / r.floorPerSecond) * 100)}%`.padStart(8)} | ${r.peakRssMB.join(" + ").padStart(11)} |`,
    );
  }
  for (const r of results) {
    const problems = [...r.problems, ...(r.workerExitCodes.some((c) => c !== 0) ? [`worker exit codes ${r.workerExitCodes.join(",")}`] : [])];
    const work = r.byWorker.map((w) => `${w.sent} files sent, ${w.applied} cards applied`).join(" + ");
    console.log(
      `${r.provider} × ${r.workers}: seeded in ${r.seedSeconds} s; request at ${r.phases.requestAt} s; by worker: ${work}; floor took ${r.floorSeconds} s; ` +
        (problems.length
          ? `PROBLEMS: ${problems.join("; ")}`
          : "every card answered once, 201s on the new expiry, 202s on the new number, nothing left claimed; the floor's rows match; workers exited 0"),
    );
  }
}

/** The goals of issue 18. */
export function accountUpdaterTargets(results: AccountUpdaterFigures[]) {
  const one = results.find((r) => r.provider === "postgres" && r.workers === 1);
  return {
    oneWorkerAtLeast2000CardsPerSecondOnPostgres: one ? one.cardsPerSecond >= GOAL_CARDS_PER_SECOND : null,
    workerRssUnder300MB: results.every((r) => r.peakRssMB.every((mb) => mb > 0 && mb < WORKER_RSS_LIMIT_MB)),
    workRight: results.every((r) => r.problems.length === 0 && r.workerExitCodes.every((c) => c === 0) && r.ended === "completed"),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const providers = (process.env.BENCH_DATABASES ?? "sqlite,postgres").split(",") as ("sqlite" | "postgres")[];
  const started = performance.now();
  const results = await benchAccountUpdaterHarvest(providers);
  printAccountUpdaterTable(results);
  console.log("Account Updater targets:", JSON.stringify(accountUpdaterTargets(results)));
  console.log(`Account Updater bench took ${Math.round((performance.now() - started) / 1000)} s.`);
}
