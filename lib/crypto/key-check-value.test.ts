import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expectedKeyCheckValues, FINGERPRINT_CHECK_NAME, kekCheckName, kekVersionOfCheckName, keyCheckValue } from "./key-check-value";
import type { Keyring } from "./keyring";

const keyring = (keks: [number, Buffer][], fingerprintKey = randomBytes(32)): Keyring => ({
  activeKekVersion: keks[0]![0],
  keks: new Map(keks),
  fingerprintKey,
  source: "test",
});

describe("key check values", () => {
  it("are the same for the same key and name, and 32 bytes", () => {
    const key = randomBytes(32);
    const value = keyCheckValue(key, kekCheckName(1));
    expect(value).toHaveLength(32);
    expect(keyCheckValue(Buffer.from(key), kekCheckName(1)).equals(value)).toBe(true);
  });

  it("differ for another key, and for the same key under another version's name", () => {
    const key = randomBytes(32);
    expect(keyCheckValue(randomBytes(32), kekCheckName(1)).equals(keyCheckValue(key, kekCheckName(1)))).toBe(false);
    expect(keyCheckValue(key, kekCheckName(2)).equals(keyCheckValue(key, kekCheckName(1)))).toBe(false);
  });

  it("show nothing of the key", () => {
    const key = randomBytes(32);
    const value = keyCheckValue(key, kekCheckName(1)).toString("hex");
    const hex = key.toString("hex");
    for (let i = 0; i + 8 <= hex.length; i += 2) expect(value).not.toContain(hex.slice(i, i + 8));
  });

  it("cover every KEK version and the fingerprint key", () => {
    const one = randomBytes(32);
    const ring = keyring([
      [1, one],
      [3, randomBytes(32)],
    ]);
    const values = expectedKeyCheckValues(ring);
    expect([...values.keys()].sort()).toEqual([FINGERPRINT_CHECK_NAME, "kek:1", "kek:3"]);
    expect(values.get("kek:1")!.equals(keyCheckValue(one, "kek:1"))).toBe(true);
  });

  it("name their version, and only a well-formed one", () => {
    expect(kekVersionOfCheckName("kek:12")).toBe(12);
    expect(kekVersionOfCheckName(FINGERPRINT_CHECK_NAME)).toBeNull();
    expect(kekVersionOfCheckName("kek:012")).toBeNull();
    expect(kekVersionOfCheckName("kek:")).toBeNull();
  });
});
