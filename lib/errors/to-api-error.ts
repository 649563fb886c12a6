import { ApiError } from "./api-error";
import { isUniqueViolation } from "../db/unique-violation";

// Prisma's known errors mapped in one place, so no handler catches them ad hoc.
// P2002: unique constraint; P2025: the row to change was not found.
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (isUniqueViolation(error)) return new ApiError("conflict", "Conflict: the record already exists");
  if ((error as { code?: unknown } | null)?.code === "P2025") return new ApiError("not_found", "Not found");
  return null;
}
