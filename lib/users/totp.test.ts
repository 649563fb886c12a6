import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { matchRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri, verifyTotp } from "./totp";

// RFC 6238's SHA-1 test secret, "12345678901234567890", in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** The RFC 6238 algorithm written out independently, to check the library's answers. */
function referenceCode(asciiSecret: string, unixSeconds: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac("sha1", Buffer.from(asciiSecret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, "0");
}

describe("TOTP second factor", () => {
  it("accepts the RFC 6238 test vector's code (6 digits of 94287082 at T=59)", async () => {
    expect(referenceCode("12345678901234567890", 59)).toBe("287082");
    expect(await verifyTotp(RFC_SECRET, "287082", new Date(59_000))).toBe(1);
    expect(await verifyTotp(RFC_SECRET, "287 082", new Date(59_000))).toBe(1);
  });

  it("accepts one step of clock drift either way, and no more", async () => {
    const at = 1_795_557_000;
    const code = referenceCode("12345678901234567890", at);
    // The step it matched is the code's own, whichever side the clock is on.
    expect(await verifyTotp(RFC_SECRET, code, new Date((at + 30) * 1000))).toBe(Math.floor(at / 30));
    expect(await verifyTotp(RFC_SECRET, code, new Date((at - 30) * 1000))).toBe(Math.floor(at / 30));
    expect(await verifyTotp(RFC_SECRET, code, new Date((at + 90) * 1000))).toBeNull();
    const wrong = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;
    expect(await verifyTotp(RFC_SECRET, wrong, new Date(at * 1000))).toBeNull();
    expect(await verifyTotp(RFC_SECRET, "12345", new Date(at * 1000))).toBeNull();
  });

  it("makes 160-bit base32 secrets and an otpauth URI for the QR code", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri("ada@shop.example", secret));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Customer Vault");
  });
});

describe("recovery codes", () => {
  it("are ten random codes kept only as hashes; each matches its own hash, in any case or spacing", () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-f]{5}-[0-9a-f]{5}$/);
    for (const hash of hashes) for (const code of codes) expect(hash).not.toContain(code.replace("-", ""));
    expect(matchRecoveryCode(codes[3]!, hashes)).toBe(3);
    expect(matchRecoveryCode(` ${codes[7]!.toUpperCase().replace("-", " ")} `, hashes)).toBe(7);
    expect(matchRecoveryCode("00000-00000", hashes)).toBe(-1);
  });
});
