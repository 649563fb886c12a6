/** Why a sealed blob could not be opened; stable strings callers can branch on and log. */
export type CryptoErrorReason = "malformed" | "unsupported_format" | "unknown_kek_version" | "authentication_failed";

/**
 * Raised when a sealed blob is rejected. Messages are written by this module
 * only and never carry plaintext or key bytes, so they are safe to log.
 */
export class CryptoError extends Error {
  readonly reason: CryptoErrorReason;

  /** Creates an error for `reason` with a log-safe message. */
  constructor(reason: CryptoErrorReason, message: string) {
    super(message);
    this.name = "CryptoError";
    this.reason = reason;
  }
}
