// Webhook deliveries per second to a local receiver, with one worker and
// with two (PostgreSQL; SQLite runs one worker, as the README says).
//
// For each configuration: a fresh database, migrated, with its own key file;
// MERCHANTS merchants with HOOKS_PER_MERCHANT webhooks each (8 endpoints:
// an endpoint's deliveries go out in order, one at a time, from whichever
// worker holds its lease, so a second worker can only help across
// endpoints), all pointing at a node:http receiver in this process that
// answers 200, checks each request's x-vault-signature, and counts every
// (endpoint, event_id) it is sent. bench/webhook-database.ts creates them
// through the lib functions and pre-loads the outbox with EVENTS events
// (each owed to its merchant's two webhooks, after their validate_url).
// Then the worker processes start (`node dist/worker.mjs`, as
// `npm run worker`, WORKER_POLL_MS=50) and the clock runs until the
// receiver holds every delivery owed; the workers are stopped with SIGTERM
// and must exit 0.
//
// The floor, measured beside each configuration (a round before and after
// it, the mean kept; a configuration's round after is the next one's
// before): bench/webhook-floor.ts, one process POSTing the same-size
// signed bodies to the same receiver one at a time over keep-alive.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { closeSync, mkdtempSync, openSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timingSafeEqual } from "node:crypto";
import { timestampedSignature, VAULT_SIGNATURE_HEADER } from "../lib/webhooks/delivery/sign-delivery";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "../tests/support/databases";
import type { SeededHook, SeedReport } from "./webhook-database";
// @ts-expect-error plain ESM scripts without types
import { migrate } from "../scripts/migrate.mjs";
import { workerArgs } from "../scripts/worker-command.mjs";
import { exited } from "./server-process";

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 600);
const FLOOR_SECONDS = Number(process.env.BENCH_WEBHOOK_FLOOR_SECONDS ?? 2);
const DEADLINE_MS = 180_000;
const FLOOR_SECRET = "benchfloorsecretbenchfloorsecret";

export type WebhookFigures = {
  provider: "sqlite" | "postgres";
  workers: number;
  deliveries: number;
  /** Spawn of the workers to the last delivery received. */
  seconds: number;
  deliveriesPerSecond: number;
  /** Spawn of the workers to the first delivery received (process start, Prisma). */
  firstDeliverySeconds: number;
  /** First delivery received to the last: the rate once the workers are up. */
  steadyPerSecond: number;
  floorPerSecond: number;
  floorRounds: number[];
  duplicates: number;
  missing: number;
  unexpected: number;
  outOfOrder: number;
  badSignatures: number;
  workerExitCodes: (number | null)[];
  /** What the database recorded: deliveries by status, attempts by worker (most first). */
  recorded: SeedReport;
};

/** What the receiver has been sent, per (endpoint, event_id). */
class Receiver {
  private server: Server | null = null;
  url = "";
  private readonly secrets = new Map<string, string>([["/floor", FLOOR_SECRET]]);
  private readonly position = new Map<string, Map<string, number>>();
  private readonly lastIndex = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private owed = 0;
  private onAll: (() => void) | null = null;
  floorRequests = 0;
  firstAt = 0;
  lastAt = 0;
  unexpected = 0;
  outOfOrder = 0;
  badSignatures = 0;

  async start(): Promise<void> {
    this.server = createServer({ keepAliveTimeout: 30_000 }, (request, response) => {
      void this.read(request).then((body) => {
        this.receive(request.url ?? "", request.headers[VAULT_SIGNATURE_HEADER], body);
        response.writeHead(200, { "content-length": "0" }).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  /** Expects these endpoints' deliveries from now on; resolves once every one has arrived. */
  expect(hooks: SeededHook[]): Promise<void> {
    this.position.clear();
    this.lastIndex.clear();
    this.counts.clear();
    this.owed = 0;
    this.firstAt = this.lastAt = 0;
    this.unexpected = this.outOfOrder = this.badSignatures = 0;
    for (const hook of hooks) {
      this.secrets.set(hook.path, hook.secret);
      this.position.set(hook.path, new Map(hook.eventIds.map((id, i) => [id, i])));
      this.lastIndex.set(hook.path, -1);
      this.owed += hook.eventIds.length;
    }
    return new Promise((resolve) => (this.onAll = resolve));
  }

  get received(): number {
    return this.counts.size;
  }

  get duplicates(): number {
    let n = 0;
    for (const count of this.counts.values()) n += count - 1;
    return n;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  private read(request: IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
  }

  private receive(path: string, signature: string | string[] | undefined, body: string): void {
    if (!this.signedBy(body, signature, this.secrets.get(path))) this.badSignatures += 1;
    if (path === "/floor") {
      this.floorRequests += 1;
      return;
    }
    const eventId = (JSON.parse(body) as { event_id?: string }).event_id ?? "";
    const index = this.position.get(path)?.get(eventId);
    if (index === undefined) {
      this.unexpected += 1;
      return;
    }
    const key = `${path} ${eventId}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > 1) return;
    // An endpoint's events must arrive in outbox order.
    if (index < (this.lastIndex.get(path) ?? -1)) this.outOfOrder += 1;
    this.lastIndex.set(path, index);
    const now = performance.now();
    this.firstAt ||= now;
    this.lastAt = now;
    if (this.counts.size === this.owed) this.onAll?.();
  }

  /** x-vault-signature: t=<seconds>,v1=<hex HMAC of `${t}.${body}`>. */
  private signedBy(body: string, header: string | string[] | undefined, secret: string | undefined): boolean {
    if (typeof header !== "string" || !secret) return false;
    const parts = header.split(",");
    const t = Number(parts[0]?.replace(/^t=/, ""));
    const expected = Buffer.from(timestampedSignature(body, secret, t));
    return parts.slice(1).some((p) => {
      const given = Buffer.from(p.replace(/^v1=/, ""));
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  }
}

function runTsx(script: string, args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * One floor round: requests per second the floor loop got answered. A child
 * process, asynchronously: the receiver answering it runs in this one.
 */
async function measureFloor(receiver: Receiver): Promise<number> {
  const before = receiver.floorRequests;
  const args = ["--import", "tsx", "bench/webhook-floor.ts", `${receiver.url}/floor`, FLOOR_SECRET, "1", String(FLOOR_SECONDS)];
  const { stdout: out } = await promisify(execFile)(process.execPath, args, { cwd: process.cwd(), encoding: "utf8" });
  const { requests, ms, failed } = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { requests: number; ms: number; failed: number };
  if (failed > 0 || receiver.floorRequests - before < requests) throw new Error(`the floor loop's requests failed: ${failed} of ${requests}`);
  return Math.round((requests / ms) * 1000);
}

async function benchConfiguration(receiver: Receiver, provider: "sqlite" | "postgres", workers: number, floorBefore: number): Promise<WebhookFigures> {
  const dir = mkdtempSync(join(tmpdir(), `vault-bench-webhooks-${provider}-`));
  const db: TestDatabase = provider === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dir);
  const env = { DATABASE_URL: db.url, VAULT_KEYS_FILE: join(dir, "keys.json"), LOG_LEVEL: "warn" };
  const children: ChildProcess[] = [];
  try {
    migrate(env);
    const hooks = JSON.parse(
      runTsx("bench/webhook-database.ts", [receiver.url, String(EVENTS)], env)
        .trim()
        .split("\n")
        .at(-1) ?? "[]",
    ) as SeededHook[];
    const all = receiver.expect(hooks);
    const deliveries = hooks.reduce((n, h) => n + h.eventIds.length, 0);

    const log = openSync(join(dir, "workers.log"), "a");
    const started = performance.now();
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
    const died = Promise.race(children.map((c) => new Promise<string>((resolve) => c.once("exit", (code) => resolve(`a worker exited with ${code}`)))));
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve("deadline"), DEADLINE_MS).unref());
    const ended = await Promise.race([all.then(() => "all"), died, timeout]);
    if (ended !== "all") console.warn(`webhooks ${provider}×${workers}: ${ended} with ${receiver.received} of ${deliveries} received; see ${dir}/workers.log`);
    const seconds = ((receiver.lastAt || performance.now()) - started) / 1000;
    const firstDeliverySeconds = ((receiver.firstAt || performance.now()) - started) / 1000;
    // Anything sent twice arrives while the workers finish: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const child of children) child.kill("SIGTERM");
    const workerExitCodes = await Promise.all(children.map((c) => exited(c, 20_000)));
    const recorded = JSON.parse(runTsx("bench/webhook-database.ts", ["--report"], env).trim().split("\n").at(-1) ?? "{}") as SeedReport;
    const floorAfter = await measureFloor(receiver);
    return {
      provider,
      workers,
      deliveries,
      seconds: Math.round(seconds * 100) / 100,
      deliveriesPerSecond: Math.round(receiver.received / seconds),
      firstDeliverySeconds: Math.round(firstDeliverySeconds * 100) / 100,
      steadyPerSecond: Math.round(((receiver.received - 1) / (receiver.lastAt - receiver.firstAt)) * 1000),
      floorPerSecond: Math.round((floorBefore + floorAfter) / 2),
      floorRounds: [floorBefore, floorAfter],
      duplicates: receiver.duplicates,
      missing: deliveries - receiver.received,
      unexpected: receiver.unexpected,
      outOfOrder: receiver.outOfOrder,
      badSignatures: receiver.badSignatures,
      workerExitCodes,
      recorded,
    };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await db.drop();
  }
}

/** SQLite with one worker; PostgreSQL with one and with two. */
export async function benchWebhookDeliveries(providers: ("sqlite" | "postgres")[]): Promise<WebhookFigures[]> {
  const receiver = new Receiver();
  await receiver.start();
  try {
    const results: WebhookFigures[] = [];
    let floor = await measureFloor(receiver);
    for (const provider of providers) {
      for (const workers of provider === "sqlite" ? [1] : [1, 2]) {
        const figures = await benchConfiguration(receiver, provider, workers, floor);
        results.push(figures);
        floor = figures.floorRounds[1] ?? floor;
      }
    }
    return results;
  } finally {
    await receiver.stop();
  }
}

export function printWebhookTable(results: WebhookFigures[]): void {
  if (results.length === 0) return;
  console.log(
    `\nWebhook deliveries to a local receiver: ${results[0]?.deliveries} deliveries (8 endpoints) pre-loaded, timed from the workers' spawn to the last one received; ` +
      `floor: one process POSTing the same signed bodies one at a time (mean of a ${FLOOR_SECONDS} s round before and after)`,
  );
  console.log("| database   | workers | deliveries/s | vs floor | first after s | after first /s | duplicates | missing |");
  console.log("|------------|---------|--------------|----------|---------------|----------------|------------|---------|");
  for (const r of results) {
    console.log(
      `| ${r.provider.padEnd(10)} | ${String(r.workers).padStart(7)} | ${String(r.deliveriesPerSecond).padStart(12)} | ` +
        `${`${Math.round((r.deliveriesPerSecond / r.floorPerSecond) * 100)}%`.padStart(8)} | ${r.firstDeliverySeconds.toFixed(2).padStart(13)} | ` +
        `${String(r.steadyPerSecond).padStart(14)} | ${String(r.duplicates).padStart(10)} | ${String(r.missing).padStart(7)} |`,
    );
  }
  for (const r of results) {
    const problems = [
      r.unexpected && `${r.unexpected} unexpected`,
      r.outOfOrder && `${r.outOfOrder} out of order`,
      r.badSignatures && `${r.badSignatures} bad signatures`,
      r.workerExitCodes.some((c) => c !== 0) && `worker exit codes ${r.workerExitCodes.join(",")}`,
    ].filter(Boolean);
    const statuses = Object.entries(r.recorded.deliveries)
      .map(([status, n]) => `${n} ${status}`)
      .join(", ");
    console.log(
      `${r.provider} × ${r.workers}: floor ${r.floorRounds.join(" / ")} req/s; recorded ${statuses}; attempts by worker ${[...r.recorded.attemptsByWorker, 0, 0].slice(0, r.workers).join(" + ")}` +
        (problems.length ? `; ${problems.join(", ")}` : "; every delivery in order, signed; workers exited 0"),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const providers = (process.env.BENCH_DATABASES ?? "sqlite,postgres").split(",") as ("sqlite" | "postgres")[];
  const started = performance.now();
  printWebhookTable(await benchWebhookDeliveries(providers));
  console.log(`Webhook bench took ${Math.round((performance.now() - started) / 1000)} s.`);
}
