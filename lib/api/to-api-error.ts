import { ApiError } from "./api-error";

// Prisma's known errors mapped in one place, so no handler catches them ad hoc.
// P2002: unique constraint; P2025: the row to change was not found.
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2002") return new ApiError("conflict", "Conflict: the record already exists");
  if (code === "P2025") return new ApiError("not_found", "Not found");
  return null;
}

/** True when a database error is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
