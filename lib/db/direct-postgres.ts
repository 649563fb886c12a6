import "#server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "./sql";

// Hot-path SQL on PostgreSQL without the Prisma client, on the same pool
// Prisma's adapter uses (lib/db/client.ts; see
// docs/decisions/004-direct-sql-on-hot-paths.md).

const BYTEA = 17;
const INT8 = 20;
const TIMESTAMP = 1114;
const parseBytea = pg.types.getTypeParser(BYTEA, "text");

// Columns read back as the types Prisma gives them: BigInt columns (int8) as
// bigint, not pg's default string; DateTime columns (timestamp(3), stored in
// UTC without a zone) as UTC, not pg's default of the server's local zone;
// Bytes (bytea) as a plain Uint8Array, not a Buffer.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return (text: string) => BigInt(text);
    if (oid === BYTEA) return (text: string) => new Uint8Array(parseBytea(text) as Buffer);
    if (oid === TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** A JavaScript value as a PostgreSQL parameter, as Prisma's adapter sends it. */
function toPostgres(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  // Stored without a zone: send UTC wall-clock time, whatever the process's zone.
  if (value instanceof Date) return value.toISOString().replace("Z", "");
  return value;
}

// Named prepared statements: each connection parses and plans a statement
// once, then only binds and runs it (the API key lookup runs on every
// request; it still reads the row every time, so a revoked key is refused at
// once). The name is a hash of the text, so every bundle of the app in one
// process (Next's and the API's share the pool) names a text alike. Texts
// beyond the cap (a multi-row INSERT has one per row count) run unnamed.
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `vault_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return name;
}

function queryConfig(query: Prisma.Sql): pg.QueryConfig {
  return { name: statementName(query.text), text: query.text, values: query.values.map(toPostgres), types };
}

export async function postgresQuery<T>(pool: pg.Pool, query: Prisma.Sql): Promise<T[]> {
  const result = await pool.query(queryConfig(query));
  return result.rows as T[];
}

export async function postgresWriteAtomically(pool: pg.Pool, statements: Prisma.Sql[]): Promise<void> {
  const [only] = statements;
  // One statement is atomic on its own: no BEGIN/COMMIT round trips.
  if (statements.length === 1 && only) {
    await pool.query(queryConfig(only));
    return;
  }
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (const [statementIndex, query] of statements.entries()) {
      await client.query(queryConfig(query)).catch((error: unknown) => {
        throw Object.assign(error as Error, { statementIndex });
      });
    }
    await client.query("COMMIT");
    client.release();
  } catch (error) {
    // A connection whose ROLLBACK failed is broken: drop it from the pool.
    await client.query("ROLLBACK").then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw error;
  }
}
