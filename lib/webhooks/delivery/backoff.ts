// When a failed delivery is tried again: exponential backoff with jitter.
// The nth failure waits about BASE * 2^(n-1), capped at an hour, and the
// wait is drawn from its upper half so that many deliveries failing at once
// (a receiver restart) do not all come back in the same second. Over the
// 48 hours a delivery lives that is about 55 attempts.

export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 60 * 60 * 1000;
/** How long a delivery is retried before the webhook is suspended. */
export const DELIVERY_LIFETIME_MS = 48 * 60 * 60 * 1000;

/** Milliseconds to wait after the `failures`-th failed attempt (1, 2, ...); `random` in [0, 1). */
export function retryDelayMs(failures: number, random: number = Math.random()): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(RETRY_BASE_MS * 2 ** exponent, RETRY_CAP_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
