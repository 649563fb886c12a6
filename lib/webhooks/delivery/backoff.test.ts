import { describe, expect, it } from "vitest";
import { DELIVERY_LIFETIME_MS, RETRY_BASE_MS, RETRY_CAP_MS, retryDelayMs } from "./backoff";

describe("retry backoff", () => {
  it("doubles per failure, with jitter in the upper half of each step", () => {
    for (const failures of [1, 2, 3, 6]) {
      const step = RETRY_BASE_MS * 2 ** (failures - 1);
      expect(retryDelayMs(failures, 0)).toBe(step / 2);
      expect(retryDelayMs(failures, 0.999999)).toBeLessThanOrEqual(step);
      expect(retryDelayMs(failures, 0.999999)).toBeGreaterThan(step * 0.99);
    }
  });

  it("never waits more than an hour, however many failures", () => {
    expect(retryDelayMs(40, 0.999999)).toBeLessThanOrEqual(RETRY_CAP_MS);
    expect(retryDelayMs(1000, 0)).toBe(RETRY_CAP_MS / 2);
  });

  it("keeps trying through the 48 hours: dozens of attempts, not a handful", () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < DELIVERY_LIFETIME_MS) elapsed += retryDelayMs(++attempts, 1 - Number.EPSILON);
    expect(attempts).toBeGreaterThan(45);
  });
});
