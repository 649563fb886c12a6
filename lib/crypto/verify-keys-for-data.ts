import "#server-only";
import { constantTimeEqual } from "./constant-time-equal";
import { CryptoError } from "./crypto-error";
import { unwrapDataKey } from "./data-key";
import { expectedKeyCheckValues, FINGERPRINT_CHECK_NAME, kekCheckName, kekVersionOfCheckName } from "./key-check-value";
import { readKeyCheckValues, recordKeyCheckValue } from "./key-check-values";
import { resolveKeySource, type KeyEnv, type KeySource } from "./key-source";
import type { Keyring } from "./keyring";
import { KeysForDataError } from "./keys-for-data-error";
import { loadKeyring } from "./load-keyring";
import { statKeyFile } from "./read-key-file";
import { requireKek } from "./resolve-kek";
import type { SealedColumn } from "./sealed-column";
import { parseSealed } from "./sealed-format";

export type VerifyKeysForDataOptions = {
  /** Every column of sealed values (lib/key-rotation/sealed-columns.ts): crypto does not know them itself. */
  columns: readonly SealedColumn[];
  /** Where VAULT_KEYS / VAULT_KEYS_FILE are read (default process.env). */
  env?: KeyEnv;
  /** Called with the path when this call generated the key file (on an empty database only). */
  onGenerated?: (file: string) => void;
};

export type KeysForData = {
  keyring: Keyring;
  /** Check values this call stored (row names: "kek:1", "fingerprint"). */
  recorded: string[];
  /**
   * KEK versions the data uses that have no check value yet and could not be
   * proven by opening a value (only columns without `sampleOf` hold them):
   * left unrecorded, and tried again at the next start.
   */
  unchecked: number[];
};

/**
 * What every entry point (server, worker, CLI) runs before it touches data:
 * loads the keys and proves they are the ones the database was sealed with.
 *
 * - The key file is generated only when the database holds no sealed value
 *   and no check value at all. Otherwise a missing key file, a KEK version
 *   the data uses that the keys lack, or a key whose check value differs
 *   from the stored one throws KeysForDataError, before anything is written.
 * - A key without a check value is recorded now: at once when no data uses
 *   it (a new key file, a version just added), and for a version the data
 *   already uses (a database older than check values) only after one of its
 *   values opened under it.
 */
export async function verifyKeysForData(options: VerifyKeysForDataOptions): Promise<KeysForData> {
  const env = options.env ?? process.env;
  const source = resolveKeySource(env);
  const [inUse, stored] = await Promise.all([sealedByVersion(options.columns), readKeyCheckValues()]);
  const hasData = inUse.size > 0 || stored.size > 0;

  // Checked before loading: loading would generate the missing file.
  if (source.kind === "file" && hasData && statKeyFile(source.path) === null) throw keyFileMissing(source.path, inUse, stored);
  const keyring = loadKeyring({ env, createIfMissing: !hasData, onGenerated: options.onGenerated });

  const missing = [...inUse.keys()].filter((version) => !keyring.keks.has(version)).sort((a, b) => a - b);
  if (missing.length > 0) throw versionsMissing(source, missing, inUse);

  // A check value of a version the keys no longer hold is a retired version
  // (no data uses it, or it would be missing above): nothing to compare.
  const expected = expectedKeyCheckValues(keyring);
  const differing = [...stored].filter(([name, value]) => expected.has(name) && !constantTimeEqual(expected.get(name)!, value)).map(([name]) => name);
  if (differing.length > 0) throw keysDiffer(source, differing);

  const toRecord: string[] = [];
  const unchecked: number[] = [];
  let provenByData = 0;
  for (const version of [...keyring.keks.keys()].sort((a, b) => a - b)) {
    const name = kekCheckName(version);
    if (stored.has(name)) continue;
    if (inUse.has(version)) {
      const opens = await opensOneValue(options.columns, version, keyring);
      if (opens === false) throw keysDiffer(source, [name]);
      if (opens === null) {
        unchecked.push(version);
        continue;
      }
      provenByData++;
    }
    toRecord.push(name);
  }
  if (!stored.has(FINGERPRINT_CHECK_NAME)) toRecord.push(FINGERPRINT_CHECK_NAME);

  // Data with no check value and no key proven against it: recording now
  // would bless keys nobody has checked, so leave it for a later start.
  const isTrusted = !hasData || stored.size > 0 || provenByData > 0;
  const recorded: string[] = [];
  if (isTrusted) {
    for (const name of toRecord) {
      const value = expected.get(name)!;
      // Another process may have stored its own keys' value first.
      if (!constantTimeEqual(value, await recordKeyCheckValue(name, value))) throw keysDiffer(source, [name]);
      recorded.push(name);
    }
  }
  return { keyring, recorded, unchecked };
}

/** Sealed values per KEK version over every column; versions with none are left out. */
async function sealedByVersion(columns: readonly SealedColumn[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const perColumn of await Promise.all(columns.map((column) => column.countByVersion()))) {
    for (const [version, count] of perColumn) if (count > 0) counts.set(version, (counts.get(version) ?? 0) + count);
  }
  return counts;
}

/**
 * Whether KEK `version` opens the wrap of one value sealed under it: true,
 * false (the key is not the one it was sealed with), or null when no column
 * can show a value. Only the data key is unwrapped (and wiped); the value
 * itself is never decrypted.
 */
async function opensOneValue(columns: readonly SealedColumn[], version: number, keyring: Keyring): Promise<boolean | null> {
  for (const column of columns) {
    const sample = await column.sampleOf?.(version);
    if (!sample) continue;
    const parts = parseSealed(sample.sealed);
    try {
      unwrapDataKey(requireKek(keyring, parts.kekVersion), parts, sample.aad).fill(0);
      return true;
    } catch (error) {
      if (error instanceof CryptoError && error.reason === "authentication_failed") return false;
      throw error;
    }
  }
  return null;
}

const NOTHING_WRITTEN = "Stopped before touching any data; nothing was written.";
const RESTORE =
  "Restore the key file from its backup (to its path, or point VAULT_KEYS_FILE at it), or put its JSON in VAULT_KEYS; " +
  "then start again (README, Key management).";

function keyFileMissing(file: string, inUse: Map<number, number>, stored: Map<string, Buffer>): KeysForDataError {
  const what =
    inUse.size > 0
      ? `holds ${describeUse(inUse)}`
      : `has recorded keys (check values for ${listVersions([...stored.keys()].flatMap((name) => kekVersionOfCheckName(name) ?? []))})`;
  return new KeysForDataError(
    `The key file ${file} is missing, but this database already ${what}. ` +
      `A new key file would leave them unreadable, so none was generated. ${NOTHING_WRITTEN}\n${RESTORE}`,
  );
}

function versionsMissing(source: KeySource, missing: number[], inUse: Map<number, number>): KeysForDataError {
  const count = missing.reduce((sum, version) => sum + (inUse.get(version) ?? 0), 0);
  return new KeysForDataError(
    `${describeSource(source)} lacks ${listVersions(missing)}, which this database's sealed values use (${count} of them; the data uses ${listVersions([...inUse.keys()])}). ` +
      `${NOTHING_WRITTEN}\n${RESTORE} With VAULT_KEYS, add the missing version from your secret manager's history.`,
  );
}

function keysDiffer(source: KeySource, names: string[]): KeysForDataError {
  const which = names.map((name) => {
    const version = kekVersionOfCheckName(name);
    return version === null ? "the fingerprint key" : `version ${version}`;
  });
  return new KeysForDataError(
    `${describeSource(source)} does not match the keys this database was sealed with: ${which.join(", ")}. ${NOTHING_WRITTEN}\n${RESTORE}`,
  );
}

function describeSource(source: KeySource): string {
  return source.kind === "env" ? "VAULT_KEYS" : `The key file ${source.path}`;
}

function describeUse(inUse: Map<number, number>): string {
  const total = [...inUse.values()].reduce((sum, count) => sum + count, 0);
  return `${total} sealed value${total === 1 ? "" : "s"} under ${listVersions([...inUse.keys()])}`;
}

function listVersions(versions: number[]): string {
  const sorted = [...new Set(versions)].sort((a, b) => a - b);
  return `KEK version${sorted.length === 1 ? "" : "s"} ${sorted.join(", ")}`;
}
