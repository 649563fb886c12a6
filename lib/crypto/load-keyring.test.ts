import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { loadKeyring } from "./load-keyring";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-keys-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const b64 = (bytes: number) => randomBytes(bytes).toString("base64");

/** True if any 8-character run of `secret` (base64 or hex form) shows up in `message`. */
function leaks(message: string, secretBase64: string): boolean {
  const forms = [secretBase64, Buffer.from(secretBase64, "base64").toString("hex")];
  return forms.some((form) => {
    for (let i = 0; i + 8 <= form.length; i++) if (message.includes(form.slice(i, i + 8))) return true;
    return false;
  });
}

describe("loadKeyring from a file", () => {
  it("generates a key file with mode 0600 in a new 0700 directory when asked", () => {
    const dir = path.join(tempDir(), "nested", "data");
    const file = path.join(dir, "keys.json");
    const generated: string[] = [];

    const ring = loadKeyring({ env: { VAULT_KEYS_FILE: file }, createIfMissing: true, onGenerated: (p) => generated.push(p) });

    expect(generated).toEqual([file]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(dir)).toEqual(["keys.json"]); // no temp file left behind
    expect(ring.activeKekVersion).toBe(1);
    expect([...ring.keks.keys()]).toEqual([1]);
    expect(ring.keks.get(1)?.length).toBe(32);
    expect(ring.fingerprintKey.length).toBe(32);
    expect(ring.fingerprintKey.equals(ring.keks.get(1) as Buffer)).toBe(false);
    expect(ring.source).toBe(`file ${file}`);

    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(doc).toEqual({
      format: 1,
      active_kek_version: 1,
      keks: { "1": (ring.keks.get(1) as Buffer).toString("base64") },
      fingerprint_key: ring.fingerprintKey.toString("base64"),
    });
  });

  it("reads an existing file back with the same keys and does not regenerate it", () => {
    const file = path.join(tempDir(), "keys.json");
    const env = { VAULT_KEYS_FILE: file };
    const first = loadKeyring({ env, createIfMissing: true });
    let generatedAgain = false;
    const second = loadKeyring({ env, createIfMissing: true, onGenerated: () => (generatedAgain = true) });
    expect(generatedAgain).toBe(false);
    expect(second.keks.get(1)?.equals(first.keks.get(1) as Buffer)).toBe(true);
    expect(second.fingerprintKey.equals(first.fingerprintKey)).toBe(true);
  });

  it("leaves an existing directory's permissions alone", () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    loadKeyring({ env: { VAULT_KEYS_FILE: path.join(dir, "keys.json") }, createIfMissing: true });
    expect(fs.statSync(dir).mode & 0o777).toBe(0o755);
  });

  it("throws a helpful error when the file is missing and creation is off", () => {
    const file = path.join(tempDir(), "keys.json");
    expect(() => loadKeyring({ env: { VAULT_KEYS_FILE: file } })).toThrow(/key file not found.*VAULT_KEYS/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("resolves a relative VAULT_KEYS_FILE against the working directory", () => {
    const file = path.join(tempDir(), "keys.json");
    const relative = path.relative(process.cwd(), file);
    const ring = loadKeyring({ env: { VAULT_KEYS_FILE: relative }, createIfMissing: true });
    expect(ring.source).toBe(`file ${file}`);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe("loadKeyring from VAULT_KEYS", () => {
  it("prefers VAULT_KEYS over the file and never creates a file", () => {
    const kek = b64(32);
    const fp = b64(32);
    const file = path.join(tempDir(), "keys.json");
    const json = JSON.stringify({ format: 1, active_kek_version: 1, keks: { "1": kek }, fingerprint_key: fp });
    const ring = loadKeyring({ env: { VAULT_KEYS: json, VAULT_KEYS_FILE: file }, createIfMissing: true });
    expect(ring.source).toBe("env VAULT_KEYS");
    expect(ring.keks.get(1)?.toString("base64")).toBe(kek);
    expect(ring.fingerprintKey.toString("base64")).toBe(fp);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("loads several versions", () => {
    const json = JSON.stringify({ format: 1, active_kek_version: 7, keks: { "3": b64(32), "7": b64(32) }, fingerprint_key: b64(32) });
    const ring = loadKeyring({ env: { VAULT_KEYS: json } });
    expect(ring.activeKekVersion).toBe(7);
    expect([...ring.keks.keys()].sort()).toEqual([3, 7]);
  });

  it("treats an empty VAULT_KEYS as an error rather than falling back to a file", () => {
    const file = path.join(tempDir(), "keys.json");
    expect(() => loadKeyring({ env: { VAULT_KEYS: " ", VAULT_KEYS_FILE: file }, createIfMissing: true })).toThrow(/VAULT_KEYS is set but empty/);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("malformed key material", () => {
  const kek = b64(32);
  const fp = b64(32);
  const shortKey = b64(16);
  const valid = { format: 1, active_kek_version: 1, keks: { "1": kek }, fingerprint_key: fp };

  const cases: Array<[string, string, RegExp]> = [
    ["bad JSON", `{"format":1,"active_kek_version":1,"keks":{"1":"${kek}"},"fingerprint_key":"${fp}"`, /not valid JSON/],
    ["bad JSON near a key", `{"keks":{"1":${kek}}}`, /not valid JSON/],
    ["not an object", JSON.stringify([kek]), /expected a JSON object/],
    ["a short KEK", JSON.stringify({ ...valid, keks: { "1": shortKey } }), /keks\["1"\] must decode to exactly 32 bytes \(got 16\)/],
    ["a short fingerprint key", JSON.stringify({ ...valid, fingerprint_key: shortKey }), /"fingerprint_key" must decode to exactly 32 bytes/],
    ["a long KEK", JSON.stringify({ ...valid, keks: { "1": b64(33) } }), /must decode to exactly 32 bytes/],
    ["non-base64 junk in a key", JSON.stringify({ ...valid, keks: { "1": `${kek.slice(0, 20)}!${kek.slice(21)}` } }), /not valid standard base64/],
    ["a key that is not a string", JSON.stringify({ ...valid, keks: { "1": 5 } }), /must be a base64 string/],
    ["a missing fingerprint key", JSON.stringify({ ...valid, fingerprint_key: undefined }), /"fingerprint_key" must be a base64 string/],
    ["a missing active version", JSON.stringify({ ...valid, active_kek_version: 2 }), /"active_kek_version" 2 has no entry in "keks"/],
    ["no active version", JSON.stringify({ ...valid, active_kek_version: undefined }), /"active_kek_version" must be an integer/],
    ["a fractional active version", JSON.stringify({ ...valid, active_kek_version: 1.5 }), /"active_kek_version" must be an integer/],
    ["version 0", JSON.stringify({ ...valid, active_kek_version: 0, keks: { "0": kek } }), /"active_kek_version" must be an integer/],
    ["a version with a leading zero", JSON.stringify({ ...valid, keks: { "1": kek, "02": b64(32) } }), /KEK version "02" must be an integer/],
    ["a negative version", JSON.stringify({ ...valid, keks: { "1": kek, "-2": b64(32) } }), /KEK version "-2" must be an integer/],
    ["a version over uint32", JSON.stringify({ ...valid, keks: { "1": kek, "4294967296": b64(32) } }), /must be an integer from 1 to 4294967295/],
    ["no KEKs", JSON.stringify({ ...valid, keks: {} }), /"keks" is empty/],
    ["keks as an array", JSON.stringify({ ...valid, keks: [kek] }), /"keks" must be an object/],
    ["format 2", JSON.stringify({ ...valid, format: 2 }), /"format" must be 1/],
    ["no format", JSON.stringify({ ...valid, format: undefined }), /"format" must be 1/],
    ["a misspelt field", JSON.stringify({ ...valid, fingerprint_keys: fp }), /unexpected field "fingerprint_keys"/],
    ["a key pasted as a field name", JSON.stringify({ ...valid, [kek]: 1 }), /unexpected field \(name not shown\)/],
    ["the fingerprint key reused as a KEK", JSON.stringify({ ...valid, fingerprint_key: kek }), /keys must all be different/],
    ["the same KEK under two versions", JSON.stringify({ ...valid, keks: { "1": kek, "2": kek } }), /keys must all be different/],
  ];

  it.each(cases)("rejects %s without revealing key material", (_label, json, expected) => {
    let message = "";
    expect(() => {
      try {
        loadKeyring({ env: { VAULT_KEYS: json } });
      } catch (error) {
        message = (error as Error).message;
        throw error;
      }
    }).toThrow(expected);
    expect(message).toMatch(/^Invalid vault key material \(env VAULT_KEYS\): /);
    for (const secret of [kek, fp, shortKey]) expect(leaks(message, secret), message).toBe(false);
  });

  it("rejects a malformed key file and names the file", () => {
    const file = path.join(tempDir(), "keys.json");
    fs.writeFileSync(file, JSON.stringify({ ...valid, keks: { "1": shortKey } }), { mode: 0o600 });
    expect(() => loadKeyring({ env: { VAULT_KEYS_FILE: file }, createIfMissing: true })).toThrow(
      `Invalid vault key material (file ${file}): keks["1"] must decode to exactly 32 bytes`,
    );
  });
});
