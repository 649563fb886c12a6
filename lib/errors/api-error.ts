// The one error model of the API. Domain code throws ApiError with a kind;
// ./error-table.ts maps each kind to an HTTP status and an envelope code.

export type ErrorKind =
  | "unauthorized"
  | "forbidden"
  | "validation"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "idempotency_conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "internal";

/** Field path (e.g. "billing_cards[0].card_number") → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/** A failure the caller can act on; its message is safe to show to the client. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly fields?: FieldErrors;

  constructor(kind: ErrorKind, message?: string, fields?: FieldErrors) {
    super(message ?? kind);
    this.name = "ApiError";
    this.kind = kind;
    this.fields = fields;
  }
}

/** A 400 naming one field. */
export function fieldError(field: string, message: string): ApiError {
  return new ApiError("validation", "Request validation failed", { [field]: message });
}

/** A 404 that reveals nothing about whether the thing exists for someone else. */
export function notFound(what: string): ApiError {
  return new ApiError("not_found", `${what} not found`);
}
