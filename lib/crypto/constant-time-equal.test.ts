import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "./constant-time-equal";

describe("constantTimeEqual", () => {
  it.each([
    ["token", "token", true],
    ["token", "tokeN", false],
    ["token", "token ", false],
    ["token", "", false],
    ["", "", true],
    ["token", null, false],
    ["token", undefined, false],
  ])("%j vs %j -> %j", (expected, given, result) => {
    expect(constantTimeEqual(expected, given)).toBe(result);
  });

  it("compares bytes as well as strings", () => {
    expect(constantTimeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2]))).toBe(false);
  });
});
