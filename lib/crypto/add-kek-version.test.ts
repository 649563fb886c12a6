import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { addKekVersion } from "./add-kek-version";
import type { KeyEnv } from "./key-source";
import { loadKeyring } from "./load-keyring";
import { retireKekVersion } from "./retire-kek-version";
import { openSealed, seal, sealedKekVersion } from "./seal";

const AAD = "card:210000000289:0123456789abcdef0123456789abcdef";

const dirs: string[] = [];
function keyFileEnv(): { env: KeyEnv; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-rotate-"));
  dirs.push(dir);
  const file = path.join(dir, "keys.json");
  const env = { VAULT_KEYS_FILE: file };
  loadKeyring({ env, createIfMissing: true });
  return { env, file };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("addKekVersion", () => {
  it("adds an active version; old blobs still open and new seals use it", () => {
    const { env, file } = keyFileEnv();
    const before = loadKeyring({ env });
    const old = seal("4111111111111111", AAD, before);

    expect(addKekVersion({ env })).toBe(2);
    const after = loadKeyring({ env });
    expect(after.activeKekVersion).toBe(2);
    expect([...after.keks.keys()].sort()).toEqual([1, 2]);
    expect(after.keks.get(1)?.equals(before.keks.get(1) as Buffer)).toBe(true);
    expect(after.keks.get(2)?.equals(before.keks.get(1) as Buffer)).toBe(false);
    expect(after.fingerprintKey.equals(before.fingerprintKey)).toBe(true);

    expect(openSealed(old.sealed, AAD, after)).toBe("4111111111111111");
    const fresh = seal("5555555555554444", AAD, after);
    expect(fresh.kekVersion).toBe(2);
    expect(sealedKekVersion(fresh.sealed)).toBe(2);
    expect(openSealed(fresh.sealed, AAD, after)).toBe("5555555555554444");

    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["keys.json"]);
  });

  it("uses max + 1 even when the active version is lower", () => {
    const { env } = keyFileEnv();
    addKekVersion({ env });
    addKekVersion({ env });
    retireKekVersion(2, { env });
    expect(addKekVersion({ env })).toBe(4);
    expect([...loadKeyring({ env }).keks.keys()].sort()).toEqual([1, 3, 4]);
  });

  it("refuses to edit keys that come from VAULT_KEYS", () => {
    const { env, file } = keyFileEnv();
    const json = fs.readFileSync(file, "utf8");
    expect(() => addKekVersion({ env: { ...env, VAULT_KEYS: json } })).toThrow(/VAULT_KEYS.*secret manager/);
    expect(fs.readFileSync(file, "utf8")).toBe(json);
  });

  it("refuses when the key file is missing instead of creating one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-rotate-"));
    dirs.push(dir);
    const file = path.join(dir, "keys.json");
    expect(() => addKekVersion({ env: { VAULT_KEYS_FILE: file } })).toThrow(/key file not found/);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("retireKekVersion", () => {
  it("removes an old version; blobs under it then fail with unknown_kek_version", () => {
    const { env, file } = keyFileEnv();
    const old = seal("4111111111111111", AAD, loadKeyring({ env }));
    addKekVersion({ env });
    retireKekVersion(1, { env });
    const ring = loadKeyring({ env });
    expect([...ring.keks.keys()]).toEqual([2]);
    expect(() => openSealed(old.sealed, AAD, ring)).toThrow(/KEK version 1 is not in the keyring/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses the active version and unknown versions", () => {
    const { env, file } = keyFileEnv();
    addKekVersion({ env });
    const json = fs.readFileSync(file, "utf8");
    expect(() => retireKekVersion(2, { env })).toThrow(/active version/);
    expect(() => retireKekVersion(9, { env })).toThrow(/not in/);
    expect(() => retireKekVersion(1, { env: { ...env, VAULT_KEYS: json } })).toThrow(/VAULT_KEYS/);
    expect(fs.readFileSync(file, "utf8")).toBe(json);
  });
});
