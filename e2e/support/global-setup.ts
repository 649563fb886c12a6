// Playwright global setup: for each database a project tests (SQLite and
// PostgreSQL), a fresh database, its migrations, the demo merchant created
// by the real CLI (`setup`, then `merchant brand`), and the built server
// (server.mjs, as `npm start` runs it) serving on it. PostgreSQL being down
// fails the run here: createPostgresDatabase throws, nothing is skipped.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FullConfig } from "@playwright/test";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "../../tests/support/databases";
import { freePort, startServer, type RunningServer } from "../../tests/support/server";
import { runCli } from "../../tests/support/cli";
// @ts-expect-error plain ESM script without types
import { migrate } from "../../scripts/migrate.mjs";
import { DATABASES, publishVaults, type Database, type VaultInfo } from "./vaults";

const SHOP_NAME = "Harbor Books";
// A brand colour the page uses for its button: white text on it must still
// meet contrast (axe checks it), as it must for a real merchant's colour.
const SHOP_COLOR = "#0f766e";

type Started = { vault: VaultInfo; server: RunningServer; db: TestDatabase };

async function startVault(database: Database): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), `vault-e2e-${database}-`));
  const db = database === "postgres" ? await createPostgresDatabase() : createSqliteDatabase(dataDir);
  try {
    const started = await startServerOn(database, db, dataDir);
    console.log(`[e2e] ${database}: vault at ${started.vault.baseUrl}, log ${started.vault.logFile}`);
    return started;
  } catch (error) {
    await db.drop();
    throw error;
  }
}

async function startServerOn(database: Database, db: TestDatabase, dataDir: string): Promise<Started> {
  // The port is chosen first so PUBLIC_BASE_URL, and with it checkout_link,
  // is the address the browser really opens. The vault is reached as
  // "localhost" and the merchant's pages as "127.0.0.1": two origins, as a
  // real shop and its vault are.
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env = {
    DATABASE_URL: db.url,
    VAULT_KEYS_FILE: join(dataDir, "keys.json"),
    PUBLIC_BASE_URL: baseUrl,
    LOG_LEVEL: "info",
  };
  migrate(env);
  const merchant = runCli(["setup", "--json"], env) as VaultInfo["merchant"];
  runCli(["merchant", "brand", "--merchant", String(merchant.merchant_id), "--name", SHOP_NAME, "--color", SHOP_COLOR, "--json"], env);
  const logFile = join(dataDir, "server.log");
  const server = await startServer(env, logFile, port);
  let stopping = false;
  server.child.once("exit", (code, signal) => {
    if (!stopping) console.error(`[e2e] ${database}: the vault server exited during the run (code ${code}, signal ${signal}); see ${logFile}`);
  });
  const stop = server.stop;
  server.stop = () => {
    stopping = true;
    return stop();
  };
  return { vault: { database, baseUrl, databaseUrl: db.url, keysFile: env.VAULT_KEYS_FILE, logFile, merchant, shopName: SHOP_NAME }, server, db };
}

/**
 * The `--project` filters on the command line. Playwright hands the global
 * setup every configured project, not the ones --project picked, so they are
 * read here to avoid starting a server (and a PostgreSQL database) that no
 * test will use. Like Playwright's own filter: case-insensitive, `*` wildcards.
 */
function projectFilters(argv = process.argv): RegExp[] {
  const values: string[] = [];
  argv.forEach((arg, i) => {
    if (arg.startsWith("--project=")) values.push(arg.slice("--project=".length));
    if (arg !== "--project") return;
    // Variadic, as Playwright parses it: every argument up to the next option.
    for (const next of argv.slice(i + 1)) {
      if (next.startsWith("-")) break;
      values.push(next);
    }
  });
  return values.map(
    (v) =>
      new RegExp(
        `^${v
          .split("*")
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*")}$`,
        "i",
      ),
  );
}

export default async function globalSetup(config: FullConfig) {
  const filters = projectFilters();
  const wanted = DATABASES.filter((database) =>
    config.projects.some((p) => (p.use as { database?: Database }).database === database && (filters.length === 0 || filters.some((f) => f.test(p.name)))),
  );
  const started: Started[] = [];
  const stopAll = async () => {
    for (const { server, db } of started) {
      await server.stop();
      await db.drop();
    }
  };
  // Both vaults start at once: most of a start is waiting (migrations, the
  // CLI, the server's first answer), not work.
  const results = await Promise.allSettled(wanted.map(startVault));
  for (const result of results) if (result.status === "fulfilled") started.push(result.value);
  const failure = results.find((result) => result.status === "rejected");
  if (failure) {
    await stopAll();
    throw failure.reason;
  }
  publishVaults(Object.fromEntries(started.map((s) => [s.vault.database, s.vault])));
  return stopAll;
}
