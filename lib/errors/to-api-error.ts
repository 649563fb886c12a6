import { ApiError } from "./api-error";
import { isDriverUniqueViolation } from "../db/direct-sql";

// Prisma's known errors mapped in one place, so no handler catches them ad hoc.
// P2002: unique constraint; P2025: the row to change was not found.
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (isUniqueViolation(error)) return new ApiError("conflict", "Conflict: the record already exists");
  if ((error as { code?: unknown } | null)?.code === "P2025") return new ApiError("not_found", "Not found");
  return null;
}

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
