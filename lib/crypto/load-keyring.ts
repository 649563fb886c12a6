import "#server-only";
import fs from "node:fs";
import path from "node:path";
import type { Keyring } from "./keyring";
import { generateKeyring, parseKeyMaterial, serializeKeyMaterial } from "./key-material";
import { resolveKeySource, type KeyEnv } from "./key-source";
import { readKeyFile, type FileStamp } from "./read-key-file";
import { writeFileAtomic } from "./write-file-atomic";

export type LoadKeyringOptions = {
  /** Environment to read VAULT_KEYS / VAULT_KEYS_FILE from (default process.env). */
  env?: KeyEnv;
  /** Generate a key file when the file source is used and the file is missing. */
  createIfMissing?: boolean;
  /** Called with the path after this call generated a new key file. */
  onGenerated?: (path: string) => void;
};

/** Loads and validates the keyring from env VAULT_KEYS or the key file. */
export function loadKeyring(options: LoadKeyringOptions = {}): Keyring {
  return loadKeyringWithStamp(options).keyring;
}

/** Like loadKeyring, also returning the key file's stamp (null for VAULT_KEYS) so callers can spot changes. */
export function loadKeyringWithStamp(options: LoadKeyringOptions = {}): {
  keyring: Keyring;
  stamp: FileStamp | null;
} {
  const source = resolveKeySource(options.env ?? process.env);
  if (source.kind === "env") {
    return { keyring: parseKeyMaterial(source.json, source.label), stamp: null };
  }
  let file = readKeyFile(source.path);
  if (file === null && options.createIfMissing) {
    if (createKeyFile(source.path, source.label)) options.onGenerated?.(source.path);
    // Read back what is on disk: another process may have won the race.
    file = readKeyFile(source.path);
  }
  if (file === null) {
    throw new Error(
      `Vault key file not found: ${source.path}. On an empty database, \`npm start\` (or \`npm run vault -- setup\`) generates it; ` +
        "for a database that holds data, restore the key file from its backup, point VAULT_KEYS_FILE at it, " +
        'or supply the key JSON in VAULT_KEYS ({"format":1,"active_kek_version":1,"keks":{"1":"<base64 32 bytes>"},' +
        '"fingerprint_key":"<base64 32 bytes>"}).',
    );
  }
  return { keyring: parseKeyMaterial(file.json, source.label), stamp: file.stamp };
}

// Returns false when another process created the file first.
function createKeyFile(file: string, label: string): boolean {
  const dir = path.dirname(file);
  const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask; only tighten a directory we made,
  // never an existing one that other files may live in.
  if (created !== undefined) fs.chmodSync(dir, 0o700);
  return writeFileAtomic(file, serializeKeyMaterial(generateKeyring(label)), 0o600, { noClobber: true });
}
