import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fingerprint } from "./fingerprint";
import { generateKeyring } from "./key-material";

describe("fingerprint", () => {
  const ring = generateKeyring("test");

  it("is lowercase hex HMAC-SHA256 under the fingerprint key", () => {
    const value = "card-number:4111111111111111";
    const expected = createHmac("sha256", ring.fingerprintKey).update(value).digest("hex");
    expect(fingerprint(value, ring)).toBe(expected);
    expect(fingerprint(value, ring)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is deterministic for one key", () => {
    expect(fingerprint("card-number:4111111111111111", ring)).toBe(fingerprint("card-number:4111111111111111", ring));
  });

  it("differs across values and across keys", () => {
    expect(fingerprint("card-number:4111111111111111", ring)).not.toBe(fingerprint("card-number:4111111111111112", ring));
    expect(fingerprint("card-number:4111111111111111", ring)).not.toBe(fingerprint("card-number:4111111111111111", generateKeyring("other")));
  });

  it("does not use a KEK", () => {
    const kek = ring.keks.get(1) as Buffer;
    const underKek = createHmac("sha256", kek).update("card-number:1").digest("hex");
    expect(fingerprint("card-number:1", ring)).not.toBe(underKek);
  });
});
