import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, ENV_NAMES, InvalidEnvError, readEnv, readEnvVariables, type EnvSettings, type VaultEnv } from "./env-schema.mjs";

const DEFAULTS: VaultEnv = {
  DATABASE_URL: DEFAULT_DATABASE_URL,
  PORT: 3000,
  HOST: "0.0.0.0",
  PUBLIC_BASE_URL: "http://localhost:3000",
  LOG_LEVEL: "info",
  DATABASE_POOL_SIZE: 10,
  WEB_CONCURRENCY: undefined,
  TRUST_PROXY: false,
  VAULT_KEYS: undefined,
  VAULT_KEYS_FILE: "./data/keys.json",
  WORKER_CONCURRENCY: 8,
  WORKER_POLL_MS: 500,
  WEBHOOK_TIMEOUT_MS: 10_000,
  GATEWAY_TIMEOUT_MS: 30_000,
  WEBHOOK_ALLOW_PRIVATE_TARGETS: false,
  BILLING_CLAIM_SECONDS: 300,
  BILLING_CRASH_AT: undefined,
  servedOverHttps: false,
  databaseProvider: "sqlite",
};

/** The message readEnv throws for `env`, or null when it accepts it. */
function refusal(env: Record<string, string>): string | null {
  try {
    readEnv(env);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvError);
    return (error as Error).message;
  }
}

describe("readEnv", () => {
  it("fills in every default for an empty environment", () => {
    expect(readEnv({})).toStrictEqual(DEFAULTS);
  });

  // Where a default would put the vault somewhere else (another database, a
  // localhost base URL without Secure cookies, fresh keys), an empty value is
  // refused, as a secret manager that injected nothing would leave it.
  const MUST_NOT_BE_EMPTY = ["DATABASE_URL", "PUBLIC_BASE_URL", "VAULT_KEYS", "VAULT_KEYS_FILE"];

  it("treats an empty value as unset where the default is harmless", () => {
    expect(readEnv(Object.fromEntries(ENV_NAMES.filter((n) => !MUST_NOT_BE_EMPTY.includes(n)).map((n) => [n, " "])))).toStrictEqual(DEFAULTS);
  });

  it.each(MUST_NOT_BE_EMPTY)("refuses an empty %s, naming it", (name) => {
    expect(() => readEnv({ [name]: " " })).toThrow(new RegExp(`${name} is set but empty`));
  });

  it.each<[Record<string, string>, Partial<VaultEnv>]>([
    [{ DATABASE_URL: "postgresql://vault@db:5432/vault" }, { DATABASE_URL: "postgresql://vault@db:5432/vault", databaseProvider: "postgres" }],
    [{ DATABASE_URL: "postgres://vault@db/vault" }, { databaseProvider: "postgres" }],
    [{ DATABASE_URL: "file:/var/lib/vault.db" }, { DATABASE_URL: "file:/var/lib/vault.db", databaseProvider: "sqlite" }],
    [{ PORT: "8080" }, { PORT: 8080, PUBLIC_BASE_URL: "http://localhost:8080" }],
    [{ PORT: "65535" }, { PORT: 65535 }],
    [{ HOST: "127.0.0.1" }, { HOST: "127.0.0.1" }],
    [{ PUBLIC_BASE_URL: "https://vault.example.com//" }, { PUBLIC_BASE_URL: "https://vault.example.com", servedOverHttps: true }],
    [{ LOG_LEVEL: "debug" }, { LOG_LEVEL: "debug" }],
    [{ LOG_LEVEL: " WARN " }, { LOG_LEVEL: "warn" }],
    [{ LOG_LEVEL: "silent" }, { LOG_LEVEL: "silent" }],
    [{ DATABASE_POOL_SIZE: "200" }, { DATABASE_POOL_SIZE: 200 }],
    [{ TRUST_PROXY: "1" }, { TRUST_PROXY: true }],
    [{ TRUST_PROXY: "true" }, { TRUST_PROXY: true }],
    [{ TRUST_PROXY: "0" }, { TRUST_PROXY: false }],
    [{ TRUST_PROXY: "false" }, { TRUST_PROXY: false }],
    [{ WEBHOOK_ALLOW_PRIVATE_TARGETS: "1" }, { WEBHOOK_ALLOW_PRIVATE_TARGETS: true }],
    [{ VAULT_KEYS: '{"format":1}' }, { VAULT_KEYS: '{"format":1}' }],
    [{ VAULT_KEYS_FILE: "/etc/vault/keys.json" }, { VAULT_KEYS_FILE: "/etc/vault/keys.json" }],
    [
      { WORKER_CONCURRENCY: "1", WORKER_POLL_MS: "10", WEBHOOK_TIMEOUT_MS: "60000", WEB_CONCURRENCY: "2" },
      { WORKER_CONCURRENCY: 1, WORKER_POLL_MS: 10, WEBHOOK_TIMEOUT_MS: 60_000, WEB_CONCURRENCY: 2 },
    ],
  ])("accepts %j", (env, expected) => {
    expect(readEnv(env)).toMatchObject(expected);
  });

  it.each<[Record<string, string>, string]>([
    [{ DATABASE_URL: "mysql://vault@db/vault" }, "DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)"],
    [{ PORT: "abc" }, 'PORT must be a whole number from 1 to 65535 (got "abc")'],
    [{ PORT: "0" }, "PORT must be a whole number from 1 to 65535"],
    [{ PORT: "70000" }, "PORT must be a whole number from 1 to 65535"],
    [{ PORT: "80.5" }, "PORT must be a whole number"],
    [{ HOST: "local host" }, "HOST must be one host name or address"],
    [{ PUBLIC_BASE_URL: "vault.example.com" }, 'PUBLIC_BASE_URL must be an absolute http:// or https:// URL (got "vault.example.com")'],
    [{ PUBLIC_BASE_URL: "ftp://vault.example.com" }, "PUBLIC_BASE_URL must be an absolute http:// or https:// URL"],
    [{ LOG_LEVEL: "verbose" }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")'],
    [{ DATABASE_POOL_SIZE: "0" }, "DATABASE_POOL_SIZE must be a whole number from 1 to 200"],
    [{ TRUST_PROXY: "yes" }, 'TRUST_PROXY must be 1 or true, 0 or false (got "yes")'],
    [{ WEBHOOK_ALLOW_PRIVATE_TARGETS: "on" }, 'WEBHOOK_ALLOW_PRIVATE_TARGETS must be 1 or true, 0 or false (got "on")'],
    [{ VAULT_KEYS: " " }, "VAULT_KEYS is set but empty"],
    [{ WORKER_CONCURRENCY: "257" }, "WORKER_CONCURRENCY must be a whole number from 1 to 256"],
    [{ WEB_CONCURRENCY: "0" }, "WEB_CONCURRENCY must be a whole number from 1 to 64"],
    [{ WORKER_POLL_MS: "5" }, "WORKER_POLL_MS must be a whole number from 10 to 60000"],
    [{ WEBHOOK_TIMEOUT_MS: "-1" }, "WEBHOOK_TIMEOUT_MS must be a whole number from 100 to 60000"],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(refusal(env)).toContain(`\n  ${message}`);
  });

  it("lists every bad variable at once", () => {
    const message = refusal({ PORT: "x", LOG_LEVEL: "loud" })!;
    expect(
      message
        .split("\n")
        .slice(1)
        .map((line) => line.trim().split(" ")[0]),
    ).toEqual(["PORT", "LOG_LEVEL"]);
  });

  it("never echoes a value that may hold a secret", () => {
    expect(refusal({ DATABASE_URL: "mysql://vault:hunter2@db/vault" })).not.toContain("hunter2");
  });
});

describe("readEnvVariables", () => {
  it("checks only the variables asked for", () => {
    const picked: Pick<EnvSettings, "VAULT_KEYS_FILE"> = readEnvVariables(["VAULT_KEYS_FILE"], { VAULT_KEYS_FILE: "k.json", PORT: "abc" });
    expect(picked).toStrictEqual({ VAULT_KEYS_FILE: "k.json" });
    expect(() => readEnvVariables(["LOG_LEVEL"], { LOG_LEVEL: "nope" })).toThrow(/LOG_LEVEL must be one of/);
  });
});

describe("the README's Configuration table", () => {
  const readme = fs.readFileSync("README.md", "utf8");
  const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n\n", readme.indexOf("| variable |")));
  const rows = [...table.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((m) => ({ name: m[1]!, fallback: m[2]!.trim() }));

  it("names every setting, and only settings the schema reads", () => {
    const named = new Set([...table.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]));
    expect([...named].sort()).toEqual([...ENV_NAMES].sort());
  });

  it("gives the defaults the schema gives", () => {
    const shown: Record<string, string> = Object.fromEntries(rows.map((r) => [r.name, r.fallback]));
    expect(shown.PUBLIC_BASE_URL).toBe("`http://localhost:$PORT`");
    expect(shown.VAULT_KEYS).toBe("unset");
    expect(shown.BILLING_CRASH_AT).toBe("unset");
    // Unset in the schema; server.mjs picks it by database.
    expect(DEFAULTS.WEB_CONCURRENCY).toBeUndefined();
    expect(shown.WEB_CONCURRENCY).toBe("`1` on SQLite, the number of cores on PostgreSQL");
    for (const { name, fallback } of rows.filter((r) => !["PUBLIC_BASE_URL", "VAULT_KEYS", "WEB_CONCURRENCY", "BILLING_CRASH_AT"].includes(r.name))) {
      const value = DEFAULTS[name as keyof VaultEnv];
      expect(fallback, name).toBe(`\`${typeof value === "boolean" ? (value ? "1" : "0") : String(value)}\``);
    }
  });
});
