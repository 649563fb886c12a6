import "#server-only";
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

export async function postgresQuery<T>(pool: pg.Pool, query: Prisma.Sql): Promise<T[]> {
  const result = await pool.query({ text: query.text, values: query.values.map(toPostgres), types });
  return result.rows as T[];
}

export async function postgresWriteAtomically(pool: pg.Pool, statements: Prisma.Sql[]): Promise<void> {
  const [only] = statements;
  // One statement is atomic on its own: no BEGIN/COMMIT round trips.
  if (statements.length === 1 && only) {
    await pool.query({ text: only.text, values: only.values.map(toPostgres) });
    return;
  }
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (const query of statements) await client.query({ text: query.text, values: query.values.map(toPostgres) });
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
