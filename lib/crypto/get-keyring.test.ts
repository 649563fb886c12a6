import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// getKeyring reads process.env and keeps module-level state, so each test
// stubs the env (restored afterwards) and imports fresh module instances.
let dir = "";
let file = "";
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-get-"));
  file = path.join(dir, "data", "keys.json");
  vi.stubEnv("VAULT_KEYS", undefined);
  vi.stubEnv("VAULT_KEYS_FILE", file);
  vi.resetModules();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Only the start-up check generates key files (verify-keys-for-data.ts);
// these tests start from one it made.
async function withKeyFile() {
  const loading = await import("./load-keyring");
  loading.loadKeyring({ env: { VAULT_KEYS_FILE: file }, createIfMissing: true });
  return modules();
}

async function modules() {
  const keyring = await import("./get-keyring");
  const loading = await import("./load-keyring");
  const adding = await import("./add-kek-version");
  const sealing = await import("./seal");
  return { ...keyring, ...loading, ...adding, ...sealing };
}

const AAD = "card:210000000289:abc";

describe("getKeyring", () => {
  it("loads the key file on first use and caches the keyring", async () => {
    const { getKeyring } = await withKeyFile();
    const ring = getKeyring();
    expect(getKeyring()).toBe(ring);
  });

  it("never generates a missing key file (regression: it did, stranding data sealed under the lost one)", async () => {
    const { getKeyring, reloadKeyring } = await modules();
    expect(() => getKeyring()).toThrow(/key file not found/);
    expect(() => reloadKeyring()).toThrow(/key file not found/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("uses VAULT_KEYS when set and creates no file", async () => {
    const { getKeyring, loadKeyring } = await modules();
    const other = path.join(dir, "other.json");
    loadKeyring({ env: { VAULT_KEYS_FILE: other }, createIfMissing: true });
    vi.stubEnv("VAULT_KEYS", fs.readFileSync(other, "utf8"));
    expect(getKeyring().source).toBe("env VAULT_KEYS");
    expect(fs.existsSync(file)).toBe(false);
  });

  it("sees a version added in this process straight away", async () => {
    const { getKeyring, addKekVersion, seal } = await withKeyFile();
    getKeyring();
    addKekVersion();
    expect(getKeyring().activeKekVersion).toBe(2);
    expect(seal("x", AAD).kekVersion).toBe(2);
  });

  it("notices a key file rotated by another process within about a second", async () => {
    const { getKeyring, addKekVersion } = await withKeyFile();
    const first = getKeyring();
    // Simulate another process: edit the file with a fresh module instance,
    // whose cache invalidation cannot reach ours.
    vi.resetModules();
    const otherProcess = await import("./add-kek-version");
    expect(otherProcess.addKekVersion).not.toBe(addKekVersion);
    otherProcess.addKekVersion();

    expect(getKeyring()).toBe(first); // within the re-stat interval
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = getKeyring();
    expect(after).not.toBe(first);
    expect(after.activeKekVersion).toBe(2);
  });

  it("keeps the loaded keys if the file turns malformed or disappears", async () => {
    const { getKeyring } = await withKeyFile();
    const first = getKeyring();
    fs.writeFileSync(file, "{ not json");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(getKeyring()).toBe(first);
    fs.rmSync(file);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(getKeyring()).toBe(first);
    expect(fs.existsSync(file)).toBe(false); // must not regenerate keys
  });

  it("reloadKeyring forces a reload", async () => {
    const { getKeyring, reloadKeyring, loadKeyring } = await withKeyFile();
    const first = getKeyring();
    vi.resetModules();
    (await import("./add-kek-version")).addKekVersion();
    const reloaded = reloadKeyring();
    expect(reloaded).not.toBe(first);
    expect(reloaded.activeKekVersion).toBe(2);
    expect(getKeyring()).toBe(reloaded);
    expect(loadKeyring().activeKekVersion).toBe(2);
  });
});

describe("default keyring in openSealed / rewrapSealed", () => {
  it("reloads once when a blob names a KEK version the cache lacks", async () => {
    const { getKeyring, loadKeyring, openSealed, rewrapSealed, seal } = await withKeyFile();
    const stale = getKeyring();
    vi.resetModules();
    (await import("./add-kek-version")).addKekVersion();

    // Sealed by "another process" that already has version 2.
    const fresh = seal("4111111111111111", AAD, loadKeyring());
    expect(fresh.kekVersion).toBe(2);
    expect(stale.keks.has(2)).toBe(false);
    expect(openSealed(fresh.sealed, AAD)).toBe("4111111111111111");
    expect(getKeyring().keks.has(2)).toBe(true);

    const old = seal("5555555555554444", AAD, stale);
    expect(rewrapSealed(old.sealed, AAD).kekVersion).toBe(2);
  });

  it("still rejects a version that is not in the file after reloading", async () => {
    const { openSealed, seal } = await withKeyFile();
    const { CryptoError } = await import("./crypto-error");
    const { sealed } = seal("x", AAD);
    const other = Buffer.from(sealed);
    other.writeUInt32BE(9, 1);
    expect(() => openSealed(other, AAD)).toThrow(CryptoError);
    expect(() => openSealed(other, AAD)).toThrow(/KEK version 9/);
  });
});
