// Where the vault's data lives: DATABASE_URL, or the embedded default.
export const DEFAULT_DATABASE_URL = "file:./data/vault.db";

/** { url, provider } for the configured database. */
export function databaseFromEnv(env = process.env) {
  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) return { url, provider: "sqlite" };
  if (/^postgres(ql)?:\/\//.test(url)) return { url, provider: "postgres" };
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}
