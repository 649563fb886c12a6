// Vitest globalSetup for the worker projects: a fresh database (SQLite or
// PostgreSQL, from the project's name), migrations and the key file through
// the real CLI. No server: the worker needs only the database and the keys.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createPostgresDatabase, createSqliteDatabase } from "./databases";
import { runCli } from "./cli";
// @ts-expect-error plain ESM script without types
import { migrate } from "../../scripts/migrate.mjs";

export default async function setup(project: TestProject) {
  const provider = project.name.endsWith("postgres") ? "postgres" : "sqlite";
  const dataDir = mkdtempSync(join(tmpdir(), `vault-worker-${provider}-`));
  const db = provider === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dataDir);
  const env = { DATABASE_URL: db.url, VAULT_KEYS_FILE: join(dataDir, "keys.json"), LOG_LEVEL: "info" };
  migrate(env);
  runCli(["setup", "--json"], env);
  project.provide("databaseUrl", db.url);
  project.provide("provider", provider);
  project.provide("keysFile", env.VAULT_KEYS_FILE);
  project.provide("dataDir", dataDir);
  return async () => {
    await db.drop();
  };
}
