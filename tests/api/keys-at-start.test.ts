// The keys check every entry point runs before it touches data
// (lib/crypto/verify-keys-for-data.ts; README, Key management). Regression:
// with keys.json gone and a database that held sealed values, `npm start`
// generated a new key file (version 1 again), started, and could open no
// card or secret; a wrong but well-formed key file started just as happily.
// Each test runs the real processes (npm start, server.mjs, the worker, the
// CLI) on a database of its own, on this project's kind of database.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "../support/databases";
import { runCli } from "../support/cli";
import { freePort } from "../support/server";
// @ts-expect-error plain ESM script without types
import { migrate } from "../../scripts/migrate.mjs";

type Vault = { env: Record<string, string>; keysFile: string; db: TestDatabase; dir: string };
type Run = { code: number | null; output: string; started: boolean };

const vaults: Vault[] = [];

afterAll(async () => {
  for (const vault of vaults.splice(0)) {
    await vault.db.drop();
    rmSync(vault.dir, { recursive: true, force: true });
  }
});

// The refusals share one vault with data; each test breaks its keys in its
// own way, and the right key file is put back after it.
let shared: Vault;
let rightKeys: string;

beforeAll(async () => {
  shared = await vaultWithData();
  rightKeys = readFileSync(shared.keysFile, "utf8");
}, 120_000);

afterEach(() => {
  writeFileSync(shared.keysFile, rightKeys, { mode: 0o600 });
});

/** A migrated database of this project's kind, and where its key file goes; nothing in it yet. */
async function emptyVault(): Promise<Vault> {
  const dir = mkdtempSync(join(tmpdir(), "vault-keys-at-start-"));
  const db = inject("provider") === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dir);
  const keysFile = join(dir, "keys.json");
  const vault = { env: { DATABASE_URL: db.url, VAULT_KEYS_FILE: keysFile, LOG_LEVEL: "info" }, keysFile, db, dir };
  vaults.push(vault);
  migrate(vault.env);
  return vault;
}

/** A vault after its first start: a key file generated, a demo merchant whose signing secret is sealed under KEK version 1. */
async function vaultWithData(): Promise<Vault> {
  const vault = await emptyVault();
  runCli(["setup", "--json"], vault.env);
  return vault;
}

/** Runs a process of the vault; resolves when it exits, or kills it once `startedWhen` shows in its output (old code started). */
function run(args: string[], env: Record<string, string>, startedWhen?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: process.cwd(),
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let started = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (startedWhen && !started && output.includes(startedWhen)) {
        started = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, started });
    });
  });
}

async function npmStart(env: Record<string, string>): Promise<Run> {
  return run(["scripts/start.mjs"], { ...env, PORT: String(await freePort()), HOST: "127.0.0.1" }, "Customer Vault is serving");
}

const cli = (args: string[], env: Record<string, string>) => run(["--import", "tsx", "cli/vault.ts", ...args], { ...env, LOG_LEVEL: "silent" });
// The worker as npm start and `npm run worker` run it: the build's bundle.
const worker = (env: Record<string, string>) => run(["dist/worker.mjs"], env, '"worker started"');

/** A process that stopped at the keys check for a missing key file: not serving, non-zero, saying so, and no key file made. */
function expectRefusedMissingKeyFile(result: Run, keysFile: string): void {
  expect(result.started, result.output).toBe(false);
  expect(result.code).not.toBe(0);
  expect(result.output).toContain(`The key file ${keysFile} is missing`);
  expect(existsSync(keysFile)).toBe(false);
}

/** Runs one statement straight on the vault's database, outside the vault's code; its rows. */
async function sqlOn<T>(vault: Vault, sql: string): Promise<T[]> {
  if (vault.db.provider === "sqlite") {
    const db = new Database(vault.db.file!);
    try {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all() : (statement.run(), [])) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: vault.db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The rows of KeyCheckValue, by name, read straight from the database. */
async function checkRows(vault: Vault): Promise<Map<string, string>> {
  const rows = await sqlOn<{ keyName: string; checkValue: Uint8Array }>(vault, 'SELECT "keyName", "checkValue" FROM "KeyCheckValue"');
  return new Map(rows.map((row) => [row.keyName, Buffer.from(row.checkValue).toString("hex")]));
}

/** Empties KeyCheckValue: the database as it was before check values existed. */
async function forgetCheckRows(vault: Vault): Promise<void> {
  await sqlOn(vault, 'DELETE FROM "KeyCheckValue"');
}

/** Key material JSON that is well formed but holds other keys (fresh random ones, under the versions given). */
function otherKeys(versions = [1]): string {
  const key = () => randomBytes(32).toString("base64");
  const keks = Object.fromEntries(versions.map((version) => [String(version), key()]));
  return JSON.stringify({ format: 1, active_kek_version: Math.max(...versions), keks, fingerprint_key: key() });
}

describe("a fresh, empty database", () => {
  it("gets a generated key file and its key check values at first start; keys rotate records the new version's", async () => {
    const vault = await emptyVault();
    expect(existsSync(vault.keysFile)).toBe(false);
    const demo = runCli(["setup", "--json"], vault.env) as { demo_created: boolean };
    expect(demo.demo_created).toBe(true);
    expect(existsSync(vault.keysFile)).toBe(true);
    expect([...(await checkRows(vault)).keys()].sort()).toEqual(["fingerprint", "kek:1"]);

    const rotated = await cli(["keys", "rotate", "--json"], vault.env);
    expect(rotated.code, rotated.output).toBe(0);
    expect([...(await checkRows(vault)).keys()].sort()).toEqual(["fingerprint", "kek:1", "kek:2"]);
    // A retired version's check value stays behind and is no obstacle.
    const retired = await cli(["keys", "retire", "--version", "1"], vault.env);
    expect(retired.code, retired.output).toBe(0);
    const status = await cli(["keys", "status", "--json"], vault.env);
    expect(status.code, status.output).toBe(0);
  });
});

describe("npm start", () => {
  it("refuses a missing key file when the database holds sealed values, and generates none", async () => {
    const vault = shared;
    rmSync(vault.keysFile);

    const start = await npmStart(vault.env);
    expectRefusedMissingKeyFile(start, vault.keysFile);
    expect(start.output).toMatch(/sealed values? under KEK version 1\b/);
    expect(start.output).toContain("Restore the key file from its backup");
    expect(start.output).toContain("VAULT_KEYS_FILE");
  });

  it("refuses VAULT_KEYS that lacks a KEK version the data uses", async () => {
    const vault = shared;
    const start = await npmStart({ ...vault.env, VAULT_KEYS: otherKeys([2]) });
    expect(start.started, start.output).toBe(false);
    expect(start.code).not.toBe(0);
    expect(start.output).toMatch(/VAULT_KEYS lacks KEK version 1, which this database's sealed values use/);
  });
});

describe("server.mjs started on its own (as in production)", () => {
  it("refuses a well-formed key file that holds other keys, with the key check value's message", async () => {
    const vault = shared;
    const wrong = otherKeys();
    writeFileSync(vault.keysFile, wrong, { mode: 0o600 });
    const server = await run(["server.mjs"], { ...vault.env, PORT: String(await freePort()), HOST: "127.0.0.1" }, "Customer Vault is serving");
    expect(server.started, server.output).toBe(false);
    expect(server.code).not.toBe(0);
    expect(server.output).toContain(`The key file ${vault.keysFile} does not match the keys this database was sealed with: version 1`);
    expect(readFileSync(vault.keysFile, "utf8")).toBe(wrong);
  });
});

describe("the worker", () => {
  it("refuses a missing key file when the database holds sealed values, and generates none", async () => {
    const vault = shared;
    rmSync(vault.keysFile);
    expectRefusedMissingKeyFile(await worker(vault.env), vault.keysFile);
  });

  it("refuses a well-formed key file that holds other keys", async () => {
    const vault = shared;
    writeFileSync(vault.keysFile, otherKeys(), { mode: 0o600 });
    const started = await worker(vault.env);
    expect(started.started, started.output).toBe(false);
    expect(started.code).not.toBe(0);
    expect(started.output).toContain("does not match the keys this database was sealed with: version 1");
  });
});

describe("the CLI", () => {
  it("refuses a missing key file before any command touches data, and generates none", async () => {
    const vault = shared;
    rmSync(vault.keysFile);
    const listed = await cli(["merchant", "list", "--json"], vault.env);
    expect(listed.code).toBe(1);
    expect(listed.output).toContain(`The key file ${vault.keysFile} is missing`);
    expect(existsSync(vault.keysFile)).toBe(false);
  });

  it("refuses VAULT_KEYS holding other keys or lacking a version the data uses, and runs with the right ones", async () => {
    const vault = shared;
    const created = await cli(["merchant", "create", "--name", "Another", "--json"], { ...vault.env, VAULT_KEYS: otherKeys() });
    expect(created.code).toBe(1);
    expect(created.output).toContain("VAULT_KEYS does not match the keys this database was sealed with: version 1");
    const status = await cli(["keys", "status", "--json"], { ...vault.env, VAULT_KEYS: otherKeys([2]) });
    expect(status.code).toBe(1);
    expect(status.output).toContain("VAULT_KEYS lacks KEK version 1");
    // The right keys given as VAULT_KEYS serve as the file does.
    const fine = await cli(["keys", "status", "--json"], { ...vault.env, VAULT_KEYS: rightKeys });
    expect(fine.code, fine.output).toBe(0);
    expect(JSON.parse(fine.output.trim().split("\n").at(-1)!)).toMatchObject({ active_kek_version: 1, sealed_by_version: { "1": 1 } });
  });

  it("refuses a key file whose KEKs are right but whose fingerprint key is not (duplicate detection would start over)", async () => {
    const vault = shared;
    const doc = JSON.parse(rightKeys) as { fingerprint_key: string };
    writeFileSync(vault.keysFile, JSON.stringify({ ...doc, fingerprint_key: randomBytes(32).toString("base64") }), { mode: 0o600 });
    const listed = await cli(["merchant", "list", "--json"], vault.env);
    expect(listed.code).toBe(1);
    expect(listed.output).toContain(`The key file ${vault.keysFile} does not match the keys this database was sealed with: the fingerprint key.`);
  });
});

describe("a database from before key check values (data, no check value rows)", () => {
  it("starts with the right keys and records their check values then", async () => {
    const vault = shared;
    const recorded = await checkRows(vault);
    await forgetCheckRows(vault);
    const status = await cli(["keys", "status", "--json"], vault.env);
    expect(status.code, status.output).toBe(0);
    expect(await checkRows(vault)).toEqual(recorded);
  });

  it("refuses other keys, proven by a sealed value they cannot open, and records nothing", async () => {
    const vault = shared;
    await forgetCheckRows(vault);
    writeFileSync(vault.keysFile, otherKeys(), { mode: 0o600 });
    const status = await cli(["keys", "status", "--json"], vault.env);
    expect(status.code).toBe(1);
    expect(status.output).toContain("does not match the keys this database was sealed with: version 1");
    expect((await checkRows(vault)).size).toBe(0);
    // The right keys, back in place, are proven and recorded again.
    writeFileSync(vault.keysFile, rightKeys, { mode: 0o600 });
    const again = await cli(["keys", "status", "--json"], vault.env);
    expect(again.code, again.output).toBe(0);
    expect([...(await checkRows(vault)).keys()].sort()).toEqual(["fingerprint", "kek:1"]);
  });
});
