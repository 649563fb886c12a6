import { createDecipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CryptoError, type CryptoErrorReason } from "./crypto-error";
import { generateKey, generateKeyring } from "./key-material";
import type { Keyring } from "./keyring";
import { openSealed, rewrapSealed, seal, sealedKekVersion } from "./seal";

const AAD = "card:210000000289:0123456789abcdef0123456789abcdef";

function expectCryptoError(fn: () => unknown, reason: CryptoErrorReason): CryptoError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).reason).toBe(reason);
    return error as CryptoError;
  }
  throw new Error(`expected CryptoError(${reason}), but nothing was thrown`);
}

/** A keyring with versions 1 and 2, version 2 active. */
function twoVersionKeyring(): Keyring {
  const ring = generateKeyring("test");
  ring.keks.set(2, generateKey());
  ring.activeKekVersion = 2;
  return ring;
}

describe("seal / openSealed", () => {
  const ring = generateKeyring("test");

  it.each([
    ["a card number", "4111111111111111"],
    ["the empty string", ""],
    ["unicode", "Zoë ☃ 𝄞 日本語 👍🏽"],
    ["a long value", "x".repeat(100_000)],
  ])("round-trips %s", (_label, plaintext) => {
    const { sealed, kekVersion } = seal(plaintext, AAD, ring);
    expect(kekVersion).toBe(1);
    expect(openSealed(sealed, AAD, ring)).toBe(plaintext);
  });

  it("writes the documented v1 layout", () => {
    const plaintext = "4111111111111111";
    const { sealed } = seal(plaintext, AAD, twoVersionKeyring());
    expect(sealed[0]).toBe(0x01);
    expect(sealed.readUInt32BE(1)).toBe(2);
    expect(sealedKekVersion(sealed)).toBe(2);
    // header 5 + wrap (12 + 32 + 16) + data IV 12 + ciphertext + tag 16
    expect(sealed.length).toBe(5 + 60 + 12 + Buffer.byteLength(plaintext) + 16);
    expect(sealed.includes(Buffer.from(plaintext))).toBe(false);
  });

  it("can be opened by hand from the documented layout and associated data", () => {
    const plaintext = "Zoë 4111111111111111";
    const { sealed } = seal(plaintext, AAD, ring);
    const gcm = (key: Buffer, iv: Buffer, body: Buffer, tag: Buffer, aad: string) => {
      const decipher = createDecipheriv("aes-256-gcm", key, iv);
      decipher.setAAD(Buffer.from(aad, "utf8"));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]);
    };
    const kek = ring.keks.get(sealed.readUInt32BE(1)) as Buffer;
    const dataKey = gcm(kek, sealed.subarray(5, 17), sealed.subarray(17, 49), sealed.subarray(49, 65), `cv1:wrap:${AAD}`);
    const end = sealed.length - 16;
    const data = gcm(dataKey, sealed.subarray(65, 77), sealed.subarray(77, end), sealed.subarray(end), `cv1:data:${AAD}`);
    expect(data.toString("utf8")).toBe(plaintext);
    // The layers' associated data must differ, or one could stand in for the other.
    expect(() => gcm(kek, sealed.subarray(5, 17), sealed.subarray(17, 49), sealed.subarray(49, 65), `cv1:data:${AAD}`)).toThrow();
  });

  it("uses a fresh data key and IVs every time", () => {
    const a = seal("same", AAD, ring).sealed;
    const b = seal("same", AAD, ring).sealed;
    expect(a.subarray(5, 65).equals(b.subarray(5, 65))).toBe(false);
    expect(a.subarray(65).equals(b.subarray(65))).toBe(false);
  });

  it("accepts a plain Uint8Array view with an offset (as a database driver may return)", () => {
    const { sealed } = seal("4111111111111111", AAD, ring);
    const backing = new Uint8Array(sealed.length + 7);
    backing.set(sealed, 7);
    expect(openSealed(backing.subarray(7), AAD, ring)).toBe("4111111111111111");
  });

  it("rejects every single-byte change anywhere in the blob", () => {
    const { sealed } = seal("4111111111111111", AAD, ring);
    for (let i = 0; i < sealed.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const tampered = Buffer.from(sealed);
        tampered[i] = (tampered[i] as number) ^ mask;
        expect(() => openSealed(tampered, AAD, ring), `byte ${i} ^ ${mask}`).toThrow(CryptoError);
      }
    }
  });

  it("rejects truncated and extended blobs", () => {
    const { sealed } = seal("4111111111111111", AAD, ring);
    for (let length = 0; length < sealed.length; length++) {
      expect(() => openSealed(sealed.subarray(0, length), AAD, ring), `length ${length}`).toThrow(CryptoError);
    }
    expectCryptoError(() => openSealed(Buffer.concat([sealed, Buffer.from([0])]), AAD, ring), "authentication_failed");
  });

  it("rejects a different aad", () => {
    const { sealed } = seal("4111111111111111", AAD, ring);
    expectCryptoError(() => openSealed(sealed, `${AAD}x`, ring), "authentication_failed");
    expectCryptoError(() => openSealed(sealed, "card:210000000289:other", ring), "authentication_failed");
  });

  it("rejects a blob sealed under another keyring with the same version number", () => {
    const { sealed } = seal("4111111111111111", AAD, generateKeyring("other"));
    expectCryptoError(() => openSealed(sealed, AAD, ring), "authentication_failed");
  });

  it("rejects a data section spliced onto another blob's wrap section", () => {
    const a = seal("4111111111111111", AAD, ring).sealed;
    const b = seal("5555555555554444", AAD, ring).sealed;
    const spliced = Buffer.concat([a.subarray(0, 65), b.subarray(65)]);
    expectCryptoError(() => openSealed(spliced, AAD, ring), "authentication_failed");
  });

  it("rejects any format byte other than 0x01", () => {
    const { sealed } = seal("4111111111111111", AAD, ring);
    for (const format of [0x00, 0x02, 0xff]) {
      const other = Buffer.from(sealed);
      other[0] = format;
      expectCryptoError(() => openSealed(other, AAD, ring), "unsupported_format");
      expectCryptoError(() => sealedKekVersion(other), "unsupported_format");
    }
  });

  it("rejects a KEK version the keyring does not have", () => {
    const { sealed } = seal("4111111111111111", AAD, twoVersionKeyring());
    expectCryptoError(() => openSealed(sealed, AAD, ring), "unknown_kek_version");
  });

  it("never puts plaintext or key bytes in error messages", () => {
    const plaintext = "4111111111111111";
    const { sealed } = seal(plaintext, AAD, ring);
    const tampered = Buffer.from(sealed);
    tampered[70] = (tampered[70] as number) ^ 1;
    const errors = [
      expectCryptoError(() => openSealed(tampered, AAD, ring), "authentication_failed"),
      expectCryptoError(() => openSealed(sealed, "wrong", ring), "authentication_failed"),
      expectCryptoError(() => openSealed(sealed, AAD, twoVersionKeyring()), "authentication_failed"),
    ];
    const secrets = [plaintext, ...[...ring.keks.values(), ring.fingerprintKey].flatMap((k) => [k.toString("hex"), k.toString("base64")])];
    for (const error of errors) {
      for (const secret of secrets) expect(error.message).not.toContain(secret);
    }
  });

  it("refuses an empty aad and strings that cannot round-trip", () => {
    expect(() => seal("x", "", ring)).toThrow(TypeError);
    expect(() => seal("bad \uD800 surrogate", AAD, ring)).toThrow(TypeError);
    expect(() => openSealed(seal("x", AAD, ring).sealed, "", ring)).toThrow(TypeError);
  });
});

describe("rewrapSealed", () => {
  it("moves the blob to the active version and leaves the data section byte-identical", () => {
    const ring = generateKeyring("test");
    const { sealed: old } = seal("4111111111111111", AAD, ring);
    ring.keks.set(2, generateKey());
    ring.activeKekVersion = 2;

    const { sealed, kekVersion } = rewrapSealed(old, AAD, undefined, ring);
    expect(kekVersion).toBe(2);
    expect(sealedKekVersion(sealed)).toBe(2);
    expect(sealed.length).toBe(old.length);
    expect(sealed.subarray(65).equals(old.subarray(65))).toBe(true);
    expect(sealed.subarray(5, 65).equals(old.subarray(5, 65))).toBe(false);
    expect(openSealed(sealed, AAD, ring)).toBe("4111111111111111");

    // Only version 2 is needed now.
    ring.keks.delete(1);
    expect(openSealed(sealed, AAD, ring)).toBe("4111111111111111");
  });

  it("rewraps to an explicit version", () => {
    const ring = twoVersionKeyring();
    const { sealed: old } = seal("4111111111111111", AAD, ring);
    const { sealed, kekVersion } = rewrapSealed(old, AAD, 1, ring);
    expect(kekVersion).toBe(1);
    expect(sealedKekVersion(sealed)).toBe(1);
    expect(openSealed(sealed, AAD, ring)).toBe("4111111111111111");
    expectCryptoError(() => rewrapSealed(old, AAD, 3, ring), "unknown_kek_version");
  });

  it("fails with the wrong aad", () => {
    const ring = twoVersionKeyring();
    const { sealed } = seal("4111111111111111", AAD, ring);
    expectCryptoError(() => rewrapSealed(sealed, `${AAD}x`, 1, ring), "authentication_failed");
  });

  it("refuses to carry a corrupt data section forward", () => {
    const ring = twoVersionKeyring();
    const { sealed } = seal("4111111111111111", AAD, ring);
    const corrupt = Buffer.from(sealed);
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] as number) ^ 1;
    expectCryptoError(() => rewrapSealed(corrupt, AAD, 1, ring), "authentication_failed");
  });

  it("does not modify its input", () => {
    const ring = twoVersionKeyring();
    const { sealed } = seal("4111111111111111", AAD, ring);
    const copy = Buffer.from(sealed);
    rewrapSealed(sealed, AAD, 1, ring);
    expect(sealed.equals(copy)).toBe(true);
  });
});
