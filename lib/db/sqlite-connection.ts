import "#server-only";
import { getEnv } from "../env";

/** How long a writer waits for another process's lock (the CLI, a worker) before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** The database file DATABASE_URL names (file:./data/vault.db), relative to the working directory. */
export function sqliteFilePath(): string {
  return getEnv().DATABASE_URL.replace(/^file:/, "");
}

type SqliteConnection = { pragma: (sql: string) => unknown };

/**
 * The settings every connection to the vault's SQLite file needs.
 * better-sqlite3 opens WAL databases with synchronous=NORMAL, where a power
 * loss can undo the last commits: a card_id the API already handed out could
 * vanish. FULL syncs the WAL on every commit (about 0.5 ms here).
 */
export const SQLITE_PRAGMAS = [`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`, "synchronous = FULL", "foreign_keys = ON"];

export function configureSqliteConnection(connection: SqliteConnection): void {
  for (const pragma of SQLITE_PRAGMAS) connection.pragma(pragma);
}
