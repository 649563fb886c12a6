import "#server-only";

type PrismaErrorShape = { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };

/**
 * True when a database error is a unique-constraint violation: P2002 from the
 * client API, or P2010 (raw query failed) whose driver error says so, as
 * both SQLite and PostgreSQL adapters report it, or the driver's own error
 * from lib/db/direct-sql.ts.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as PrismaErrorShape | null;
  if (e?.code === "P2002" || isDriverUniqueViolation(error)) return true;
  return e?.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/** True when a driver's own error (lib/db/direct-sql.ts) is a unique-constraint violation. */
export function isDriverUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite: extended result codes; PostgreSQL: SQLSTATE unique_violation.
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
