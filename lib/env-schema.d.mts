// Types for env-schema.mjs (plain ESM so server.mjs can run it without a
// TypeScript loader). lib/env-schema.test.ts checks the parsed values
// against VaultEnv, so the two cannot drift apart unnoticed.
export declare const DEFAULT_DATABASE_URL: string;
export declare const DEFAULT_KEYS_FILE: string;
export declare const LOG_LEVELS: readonly ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Each setting after its rule: defaults filled in, numbers parsed. */
export type EnvSettings = {
  DATABASE_URL: string;
  PORT: number;
  HOST: string;
  /** Without trailing slashes; undefined when unset (VaultEnv fills in the default). */
  PUBLIC_BASE_URL: string | undefined;
  LOG_LEVEL: LogLevel;
  DATABASE_POOL_SIZE: number;
  /** Web processes server.mjs runs; undefined when unset (server.mjs picks by database). */
  WEB_CONCURRENCY: number | undefined;
  TRUST_PROXY: boolean;
  /** The key JSON, when keys come from the environment rather than the key file. */
  VAULT_KEYS: string | undefined;
  VAULT_KEYS_FILE: string;
  WORKER_CONCURRENCY: number;
  WORKER_POLL_MS: number;
  WEBHOOK_TIMEOUT_MS: number;
  GATEWAY_TIMEOUT_MS: number;
  /** Webhooks may reach loopback and private addresses. */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean;
  /** How long a worker's claim on subscriptions it is charging lasts. */
  BILLING_CLAIM_SECONDS: number;
  /** The billing run's crash-test hook. */
  BILLING_CRASH_AT: "after-ledger" | "after-call" | undefined;
};
export type EnvName = keyof EnvSettings;

export type VaultEnv = Omit<EnvSettings, "PUBLIC_BASE_URL"> & {
  /** PUBLIC_BASE_URL, or http://localhost:$PORT. */
  PUBLIC_BASE_URL: string;
  /** PUBLIC_BASE_URL is https: cookies get Secure, pages ask browsers to upgrade http. */
  servedOverHttps: boolean;
  databaseProvider: "sqlite" | "postgres";
};

/** The variables key loading and tests pass: wider than NodeJS.ProcessEnv, so a plain object fits. */
export type EnvSource = { readonly [name: string]: string | undefined };

export declare const ENV_NAMES: readonly EnvName[];
export declare class InvalidEnvError extends Error {
  constructor(problems: string[]);
}
export declare function readEnvVariables<N extends EnvName>(names: readonly N[], source?: EnvSource): Pick<EnvSettings, N>;
export declare function readEnv(source?: EnvSource): VaultEnv;
export declare function databaseProviderOf(url: string): "sqlite" | "postgres";
export declare function envOrExit(source?: EnvSource): VaultEnv;
