// Real databases for the integration tests: a fresh SQLite file, or a fresh
// PostgreSQL database owned by an unprivileged role (the app never runs as a
// superuser). PostgreSQL being unreachable is an error, never a skip.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type TestDatabase = { provider: "sqlite" | "postgres"; url: string; file?: string; name?: string; drop: () => Promise<void> };

export const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const PG_APP_ROLE = "vault_test_app";

/** A new, empty SQLite file in a temporary directory. */
export function createSqliteDatabase(dir = mkdtempSync(join(tmpdir(), "vault-test-"))): TestDatabase {
  const file = join(dir, "vault.db");
  return { provider: "sqlite", url: `file:${file}`, file, drop: async () => {} };
}

/** A new PostgreSQL database owned by a non-superuser role; throws loudly when PostgreSQL is down. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  // 30 s, not 5: the browser suite's setup starts both vaults at once, and the
  // SQLite side's synchronous CLI calls can hold this process's event loop for
  // seconds, which the connect timer counted as PostgreSQL not answering. A
  // server that is down refuses the connection at once anyway.
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 30_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${PG_ADMIN_URL} (${(error as Error).message}). ` +
        "The PostgreSQL half of the suite cannot be skipped: start PostgreSQL or set PG_ADMIN_URL.",
    );
  }
  const name = `vault_test_${randomBytes(6).toString("hex")}`;
  try {
    const role = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [PG_APP_ROLE]);
    if (role.rowCount === 0) {
      await admin.query(`CREATE ROLE ${PG_APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`).catch((error: { code?: string }) => {
        if (error.code !== "42710") throw error; // created meanwhile by a parallel run
      });
    }
    await admin.query(`CREATE DATABASE ${name} OWNER ${PG_APP_ROLE}`);
  } finally {
    await admin.end();
  }
  const base = new URL(PG_ADMIN_URL);
  const url = `postgresql://${PG_APP_ROLE}@${base.host}/${name}`;
  return {
    provider: "postgres",
    url,
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
