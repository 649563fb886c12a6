import { describe, expect, it } from "vitest";
import { resolveLogLevel } from "./log-level";

describe("resolveLogLevel", () => {
  it.each([
    [undefined, "info"],
    ["", "info"],
    ["debug", "debug"],
    ["WARN", "warn"],
    [" error ", "error"],
    ["silent", "silent"],
    ["trace", "trace"],
    ["verbose", "info"], // unknown: fall back rather than crash
  ])("%j -> %j", (raw, expected) => {
    expect(resolveLogLevel(raw)).toBe(expected);
  });
});
