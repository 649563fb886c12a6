import type { ErrorKind } from "./api-error";

// The published table of envelope codes (docs/api-errors.md mirrors it; a unit
// test keeps the two in step). Codes are stable: merchants branch on them.
export const ERROR_TABLE: Record<ErrorKind, { status: number; code: number; message: string }> = {
  validation: { status: 400, code: 6, message: "Request validation failed" },
  unauthorized: { status: 401, code: 2, message: "Unauthorized: missing or invalid API key" },
  forbidden: { status: 403, code: 3, message: "Forbidden" },
  not_found: { status: 404, code: 7, message: "Not found" },
  method_not_allowed: { status: 405, code: 12, message: "Method not allowed" },
  conflict: { status: 409, code: 8, message: "Conflict" },
  idempotency_conflict: { status: 409, code: 9, message: "Idempotency-Key conflict" },
  payload_too_large: { status: 413, code: 10, message: "Request body too large" },
  unsupported_media_type: { status: 415, code: 11, message: "Content-Type must be application/json" },
  rate_limited: { status: 429, code: 13, message: "Too many requests" },
  internal: { status: 500, code: 99, message: "Internal error" },
};

export const SUCCESS = { code: 0, message: "Success" } as const;
