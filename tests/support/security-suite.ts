// Helpers for the security-minded API suites (auth, isolation, idempotency,
// concurrency, audit, leak, CLI, key rotation): the operator CLI as a real child process, raw database snapshots for leak
// scans, and the log file of the running server.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { inject } from "vitest";
import type { ApiResponse } from "./api-client";
import { futureExpiry, uniqueCustomerId, uniqueVisa } from "./fixtures";

/** A body for POST /vault/customer with one fresh Visa (or the given cards). */
export function customerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> & { customer_id: string } {
  return {
    customer_id: uniqueCustomerId(),
    customer_first_name: "Grace",
    customer_last_name: "Hopper",
    billing_cards: [{ card_number: uniqueVisa(), exp_date: futureExpiry(), billing_zip: "94402" }],
    ...overrides,
  } as Record<string, unknown> & { customer_id: string };
}

/** Throws with the response body in the message unless the status is as expected. */
export function expectStatus(response: ApiResponse, status: number, what = ""): void {
  if (response.status !== status) {
    throw new Error(`${what} expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `cli/vault.ts` as an operator would, against the test server's database and key file. */
export function runVaultCli(args: string[], timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "cli/vault.ts", ...args],
      {
        cwd: process.cwd(),
        env: {
          ...process.env,
          DATABASE_URL: inject("databaseUrl"),
          VAULT_KEYS_FILE: inject("keysFile"),
          LOG_LEVEL: "silent",
        },
        encoding: "utf8",
        timeout: timeoutMs,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The last non-empty stdout line of a CLI run, parsed as JSON. */
export function lastJsonLine<T = any>(result: CliResult): T {
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`CLI did not end with a JSON line (exit ${result.code}).\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** The name of the PostgreSQL database in a connection URL (its last path segment). */
export function postgresDatabaseName(url: string): string {
  const name = new URL(url).pathname.split("/").filter(Boolean).at(-1);
  if (!name) throw new Error(`no database name in ${url}`);
  return name;
}

/**
 * Everything the database holds on disk, as text to search: for SQLite the
 * database file with its -wal and -shm files (latin1, so bytes map 1:1), for
 * PostgreSQL a pg_dump run as the superuser.
 */
export async function databaseSnapshot(): Promise<{ text: string; sources: string[] }> {
  const url = inject("databaseUrl");
  if (inject("provider") === "sqlite") {
    const file = url.replace(/^file:/, "");
    const sources = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));
    if (!sources.includes(file)) throw new Error(`SQLite database file not found: ${file}`);
    return { text: sources.map((f) => readFileSync(f).toString("latin1")).join("\n"), sources };
  }
  const name = postgresDatabaseName(url);
  const text = await new Promise<string>((resolve, reject) => {
    execFile("pg_dump", ["-h", "127.0.0.1", "-U", "postgres", name], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`pg_dump failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
  return { text, sources: [`pg_dump ${name}`] };
}

/** The server's log file as it is now. */
export function readServerLog(): string {
  return readFileSync(inject("logFile"), "utf8");
}

/** Waits (briefly) until every needle is in the server log; returns the log either way. */
export async function serverLogContaining(needles: string[], timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = readServerLog();
    if (needles.every((n) => log.includes(n)) || Date.now() > deadline) return log;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True for an address on the loopback interface as Node reports it. */
export function isLoopbackAddress(address: string | null | undefined): boolean {
  return typeof address === "string" && /^(127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/.test(address);
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
