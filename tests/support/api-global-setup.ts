// Vitest globalSetup for the API projects: one fresh database (SQLite or
// PostgreSQL, from the project's name), migrations, keys and the demo
// merchant through the real CLI, and the built server running on it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "./databases";
import { startServer } from "./server";
import { runCli } from "./cli";
// @ts-expect-error plain ESM script without types
import { migrate } from "../../scripts/migrate.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    provider: "sqlite" | "postgres";
    keysFile: string;
    logFile: string;
    dataDir: string;
    demo: { merchant_id: number; api_key: string; signing_secret: string };
  }
}

export default async function setup(project: TestProject) {
  const provider = project.name.endsWith("postgres") ? "postgres" : "sqlite";
  const dataDir = mkdtempSync(join(tmpdir(), `vault-${provider}-`));
  const db: TestDatabase = provider === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dataDir);
  const env = {
    DATABASE_URL: db.url,
    VAULT_KEYS_FILE: join(dataDir, "keys.json"),
    PUBLIC_BASE_URL: "http://localhost:3999",
    LOG_LEVEL: "info",
    // An upstream gateway that does not answer is given up on after this: the timeout tests wait that long.
    GATEWAY_TIMEOUT_MS: "1500",
  };
  migrate(env);
  const demo = runCli(["setup", "--json"], env) as ProvidedContextDemo;
  const logFile = join(dataDir, "server.log");
  const server = await startServer(env, logFile);

  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", db.url);
  project.provide("provider", provider);
  project.provide("keysFile", env.VAULT_KEYS_FILE);
  project.provide("logFile", logFile);
  project.provide("dataDir", dataDir);
  project.provide("demo", demo);

  return async () => {
    await server.stop();
    await db.drop();
  };
}

type ProvidedContextDemo = { merchant_id: number; api_key: string; signing_secret: string };
