// Direct changes to the vault's database that no API offers, made the way an
// operator with a SQL prompt would: ageing a link past its expiry, and
// forgetting the per-address failure count between tests (see
// forgetAddressFailures). Table and column names are Prisma's defaults (no
// @@map/@map in prisma/sqlite/schema.prisma).
import Database from "better-sqlite3";
import pg from "pg";
import type { VaultInfo } from "./vaults";

export async function executeSql(vault: VaultInfo, sql: { sqlite: string; postgres: string }, params: unknown[]): Promise<number> {
  if (vault.database === "sqlite") {
    const db = new Database(vault.databaseUrl.replace(/^file:/, ""));
    try {
      db.pragma("busy_timeout = 10000"); // the server may be writing
      return db.prepare(sql.sqlite).run(...params).changes;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: vault.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql.postgres, params)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/**
 * Moves a link's expiry a minute into the past. On SQLite, Prisma's adapter
 * stores a DateTime as ISO 8601 text ("2026-11-24T18:53:53.525+00:00"), so the
 * new value is written in that form.
 */
export async function expireLink(vault: VaultInfo, checkoutId: string): Promise<void> {
  const past = Date.now() - 60_000;
  const changed = await executeSql(
    vault,
    {
      sqlite: `UPDATE "Checkout" SET "expiresAt" = ? WHERE "id" = ?`,
      postgres: `UPDATE "Checkout" SET "expiresAt" = $1 WHERE "id" = $2`,
    },
    [vault.database === "sqlite" ? new Date(past).toISOString().replace("Z", "+00:00") : new Date(past), checkoutId],
  );
  if (changed !== 1) throw new Error(`expireLink: no Checkout row ${checkoutId}`);
}

/**
 * Forgets every address's failed card submissions (the "checkout-address"
 * rows of RateLimit, lib/checkout/address-limit.ts).
 *
 * The vault refuses a client address after 10 failed submissions in 10
 * minutes, on every link (lib/checkout/address-limit.ts, decision 005). Every
 * browser here connects from 127.0.0.1, so the failures of all tests on one
 * server add up: the lock test alone makes 5, the validation tests a few
 * more, and a --repeat-each run many more. Tests that make failed
 * submissions call this first, so each starts under the limit and none is
 * refused because of another. It only ever lowers the count: a test running
 * beside it cannot be pushed over the limit by it.
 */
export async function forgetAddressFailures(vault: VaultInfo): Promise<void> {
  const sql = `DELETE FROM "RateLimit" WHERE "key" LIKE 'checkout-address:%'`;
  await executeSql(vault, { sqlite: sql, postgres: sql }, []);
}

/**
 * Forgets the failed sign-ins counted against client addresses (the
 * "sign-in-address" rows of RateLimit, lib/users/sign-in-address-limit.ts).
 * Every browser here signs in from 127.0.0.1, and 20 failures in 15 minutes
 * refuse it: tests that fail sign-ins on purpose call this first, like
 * forgetAddressFailures. It only ever lowers a count.
 */
export async function forgetSignInFailures(vault: VaultInfo): Promise<void> {
  const sql = `DELETE FROM "RateLimit" WHERE "key" LIKE 'sign-in-address:%'`;
  await executeSql(vault, { sqlite: sql, postgres: sql }, []);
}

/** Rows of a read-only query (e.g. the audit log), as plain objects. */
export async function querySql<T = Record<string, unknown>>(vault: VaultInfo, sql: { sqlite: string; postgres: string }, params: unknown[]): Promise<T[]> {
  if (vault.database === "sqlite") {
    const db = new Database(vault.databaseUrl.replace(/^file:/, ""), { readonly: true });
    try {
      db.pragma("busy_timeout = 10000");
      return db.prepare(sql.sqlite).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: vault.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql.postgres, params)).rows as T[];
  } finally {
    await client.end();
  }
}
