import { describe, expect, it } from "vitest";
import { randomHexId, randomToken } from "./random-id";

describe("randomHexId", () => {
  it("returns 32 lowercase hex characters", () => {
    for (let i = 0; i < 100; i++) expect(randomHexId()).toMatch(/^[0-9a-f]{32}$/);
  });

  it("is unique over many calls", () => {
    const ids = new Set(Array.from({ length: 10_000 }, randomHexId));
    expect(ids.size).toBe(10_000);
  });
});

describe("randomToken", () => {
  it("returns base64url of the requested number of bytes", () => {
    for (const bytes of [1, 16, 32, 33]) {
      const token = randomToken(bytes);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, "base64url").length).toBe(bytes);
    }
  });

  it("is unique over many calls", () => {
    const tokens = new Set(Array.from({ length: 10_000 }, () => randomToken(16)));
    expect(tokens.size).toBe(10_000);
  });

  it("rejects a non-positive or fractional length", () => {
    for (const bytes of [0, -1, 1.5, Number.NaN]) expect(() => randomToken(bytes)).toThrow(RangeError);
  });
});
