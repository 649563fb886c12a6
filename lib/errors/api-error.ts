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
  | "rate_limited"
  | "internal";

/** Field path (e.g. "billing_cards[0].card_number") → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/** A failure the caller can act on; its message is safe to show to the client. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly fields?: FieldErrors;
  /** A 429's wait: seconds until the caller may try again, sent as Retry-After. */
  readonly retryAfterSeconds?: number;
  /** The payment gateway API's response code, where it says more than the kind (lib/api/pg-error-result.ts). */
  rcode?: string;

  constructor(kind: ErrorKind, message?: string, fields?: FieldErrors, retryAfterSeconds?: number) {
    super(message ?? kind);
    this.name = "ApiError";
    this.kind = kind;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
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

/** A 429: the caller went over a rate limit (lib/throttle) and may try again after `retryAfterSeconds`. */
export function rateLimited(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError("rate_limited", message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
}

/** A wait given in seconds, in whole minutes: rounded up, at least one. */
export function minutesToWait(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** "N minutes" (at least 1) for a wait given in seconds, for rate-limit messages. */
export function waitInMinutes(seconds: number): string {
  const minutes = minutesToWait(seconds);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** The same error, answered on the payment gateway API with `rcode` (docs/payments.md, "Response codes"). */
export function withRcode(error: ApiError, rcode: string): ApiError {
  error.rcode = rcode;
  return error;
}
