// Every setting the vault reads from the environment, one rule each, in one
// place. Plain ESM so that server.mjs (run by node with no TypeScript
// loader) reads its settings through the same rules as the app (lib/env.ts),
// the worker, the CLI and the scripts; env-schema.d.mts gives it types.
//
// Every process checks the whole environment before it does anything else
// (check-env.mjs), so a bad value stops the server, the worker and the CLI
// alike, with the same message naming the variable: a typo in LOG_LEVEL is
// not quietly replaced in one process and fatal in another.
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "../scripts/database-url.mjs";

export { DEFAULT_DATABASE_URL };
export const DEFAULT_KEYS_FILE = "./data/keys.json";
export const LOG_LEVELS = /** @type {const} */ (["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

// An empty value counts as unset (`PORT= npm start`, an empty entry in a
// secret manager's template), except where a default would silently put the
// vault somewhere else: DATABASE_URL (a throwaway SQLite file instead of the
// real database), PUBLIC_BASE_URL (http://localhost: no Secure cookies, no
// HSTS, links to localhost), VAULT_KEYS and VAULT_KEYS_FILE (fresh keys that
// strand existing data). Those refuse an empty value.
const isUnset = (/** @type {string | undefined} */ raw) => raw === undefined || raw.trim() === "";
const isSetButEmpty = (/** @type {string | undefined} */ raw) => raw !== undefined && raw.trim() === "";
const EMPTY = "is set but empty: give it a value, or unset it to use the default";

// Values worth echoing in a message; DATABASE_URL and VAULT_KEYS may hold secrets and never are.
const got = (/** @type {string} */ raw) => ` (got ${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw)})`;

/**
 * A rule: the raw string (or undefined) to a value, or `return refuse(message)`;
 * the message follows the variable's name ("PORT must be ...").
 * @template T
 * @param {(raw: string | undefined, refuse: (message: string) => never) => T} read
 */
function rule(read) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) =>
      read(raw, (message) => {
        ctx.addIssue({ code: "custom", message });
        return /** @type {never} */ (z.NEVER);
      }),
    );
}

/** A whole number in [min, max]; unset gives `fallback`. */
function wholeNumber(/** @type {number} */ min, /** @type {number} */ max, /** @type {number | undefined} */ fallback) {
  return rule((raw, refuse) => {
    if (raw === undefined || isUnset(raw)) return fallback;
    const value = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) return refuse(`must be a whole number from ${min} to ${max}${got(raw)}`);
    return value;
  });
}

/** 1 or true, 0 or false; unset is off. */
function onOff() {
  return rule((raw, refuse) => {
    if (raw === undefined || isUnset(raw)) return false;
    const value = raw.trim().toLowerCase();
    if (!["0", "1", "true", "false"].includes(value)) return refuse(`must be 1 or true, 0 or false${got(raw)}`);
    return value === "1" || value === "true";
  });
}

const RULES = {
  DATABASE_URL: rule((raw, refuse) => {
    if (isSetButEmpty(raw)) return refuse(EMPTY);
    const url = raw === undefined ? DEFAULT_DATABASE_URL : raw.trim();
    if (!/^(file:|postgres(ql)?:\/\/)/.test(url)) return refuse("must start with file: (SQLite) or postgresql:// (PostgreSQL)");
    return url;
  }),
  PORT: wholeNumber(1, 65535, 3000),
  HOST: rule((raw, refuse) => {
    if (raw === undefined || isUnset(raw)) return "0.0.0.0";
    if (/\s/.test(raw.trim())) return refuse(`must be one host name or address to listen on${got(raw)}`);
    return raw.trim();
  }),
  /** Unset: http://localhost:$PORT, filled in below once PORT is known. */
  PUBLIC_BASE_URL: rule((raw, refuse) => {
    if (isSetButEmpty(raw)) return refuse(EMPTY);
    if (raw === undefined) return undefined;
    const protocol = URL.canParse(raw.trim()) ? new URL(raw.trim()).protocol : null;
    if (protocol !== "http:" && protocol !== "https:") return refuse(`must be an absolute http:// or https:// URL${got(raw)}`);
    return raw.trim().replace(/\/+$/, "");
  }),
  LOG_LEVEL: rule((raw, refuse) => {
    if (raw === undefined || isUnset(raw)) return "info";
    const level = LOG_LEVELS.find((name) => name === raw.trim().toLowerCase());
    if (!level) return refuse(`must be one of ${LOG_LEVELS.join(", ")}${got(raw)}`);
    return level;
  }),
  /** PostgreSQL connections per process. */
  DATABASE_POOL_SIZE: wholeNumber(1, 200, 10),
  /** Web processes server.mjs runs; unset: 1 on SQLite, one per core on PostgreSQL (server.mjs decides). */
  WEB_CONCURRENCY: wholeNumber(1, 64, undefined),
  /** Trust X-Forwarded-For for the client address (only behind a proxy you run). */
  TRUST_PROXY: onOff(),
  VAULT_KEYS: rule((raw, refuse) => {
    // A secret manager that injected nothing must not fall through to the file:
    // that could silently generate fresh keys and strand existing data.
    if (isSetButEmpty(raw)) return refuse("is set but empty: put the key JSON in it, or unset it to use the key file");
    return raw;
  }),
  VAULT_KEYS_FILE: rule((raw, refuse) => {
    if (isSetButEmpty(raw)) return refuse(EMPTY);
    return raw === undefined ? DEFAULT_KEYS_FILE : raw.trim();
  }),
  WORKER_CONCURRENCY: wholeNumber(1, 256, 8),
  WORKER_POLL_MS: wholeNumber(10, 60_000, 500),
  WEBHOOK_TIMEOUT_MS: wholeNumber(100, 60_000, 10_000),
  /** How long an upstream payment gateway may take to answer before the outcome is recorded as unknown. */
  GATEWAY_TIMEOUT_MS: wholeNumber(100, 120_000, 30_000),
  /**
   * Lets webhooks reach loopback and private addresses (an operator whose
   * receivers sit on the same network). Off, only public addresses are
   * sent to, except loopback while PUBLIC_BASE_URL is a loopback URL.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: onOff(),
  /**
   * How long a worker's claim on the subscriptions it is charging lasts: a
   * worker that dies holds them this long, then another takes them over and
   * reconciles what it left unknown. A batch charged through an upstream
   * gateway is held longer on its own while its calls may be in flight.
   */
  BILLING_CLAIM_SECONDS: wholeNumber(2, 3600, 300),
  /**
   * A test hook for the billing run's crash tests: "after-ledger" or
   * "after-call" makes a worker kill itself (SIGKILL) at that point of its
   * first charge. Never set it outside those tests.
   */
  BILLING_CRASH_AT: rule((raw, refuse) => {
    if (raw === undefined || isUnset(raw)) return undefined;
    if (raw !== "after-ledger" && raw !== "after-call") return refuse(`must be after-ledger or after-call${got(raw)}`);
    return raw;
  }),
};

/** The names of every setting (the README's Configuration table lists each). */
export const ENV_NAMES = /** @type {(keyof typeof RULES)[]} */ (Object.keys(RULES));

/** A bad setting: the message names each variable and what is wrong with it. */
export class InvalidEnvError extends Error {
  /** @param {string[]} problems */
  constructor(problems) {
    super(`Invalid configuration (the README's Configuration table lists every setting):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "InvalidEnvError";
  }
}

/**
 * Reads `names` from `source` by their rules; throws InvalidEnvError
 * listing every bad one.
 * @param {readonly string[]} names
 * @param {{ readonly [name: string]: string | undefined }} source
 */
export function readEnvVariables(names, source = process.env) {
  const shape = Object.fromEntries(names.map((name) => [name, RULES[/** @type {keyof typeof RULES} */ (name)]]));
  const picked = Object.fromEntries(names.map((name) => [name, source[name]]));
  const parsed = z.object(shape).safeParse(picked);
  if (!parsed.success) throw new InvalidEnvError(parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`));
  return parsed.data;
}

/**
 * Every setting, checked; plus what follows from them (PUBLIC_BASE_URL's
 * default, whether the vault is served over https, the database engine).
 * @param {{ readonly [name: string]: string | undefined }} source
 */
export function readEnv(source = process.env) {
  const env = /** @type {any} */ (readEnvVariables(ENV_NAMES, source));
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
  return {
    ...env,
    PUBLIC_BASE_URL: publicBaseUrl,
    servedOverHttps: publicBaseUrl.startsWith("https:"),
    databaseProvider: databaseProviderOf(env.DATABASE_URL),
  };
}

/** "sqlite" for a file: URL, else "postgres" (DATABASE_URL's rule allows nothing else). */
export function databaseProviderOf(/** @type {string} */ url) {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}

/** readEnv for a process's entry point: a bad setting prints the message and exits 1. */
export function envOrExit(source = process.env) {
  try {
    return readEnv(source);
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
