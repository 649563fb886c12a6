import "#server-only";
import { generateKey, MAX_KEK_VERSION, parseKeyMaterial, serializeKeyMaterial } from "./key-material";
import { requireKeyFile, type KeyEnv } from "./key-source";
import { markKeyringStale } from "./get-keyring";
import { readKeyFile } from "./read-key-file";
import { writeFileAtomic } from "./write-file-atomic";

/**
 * Adds a new random KEK to the key file as version max+1 and makes it active,
 * keeping older versions so existing blobs still open. Returns the new version.
 */
export function addKekVersion(options: { env?: KeyEnv } = {}): number {
  const file = requireKeyFile(options.env ?? process.env, "add a KEK version");
  const current = readKeyFile(file);
  if (current === null) throw new Error(`Cannot add a KEK version: key file not found: ${file}`);
  const keyring = parseKeyMaterial(current.json, `file ${file}`);

  const version = Math.max(...keyring.keks.keys()) + 1;
  if (version > MAX_KEK_VERSION) throw new Error(`Cannot add a KEK version: ${MAX_KEK_VERSION} is the highest allowed`);
  const keks = new Map(keyring.keks).set(version, generateKey());

  writeFileAtomic(file, serializeKeyMaterial({ ...keyring, keks, activeKekVersion: version }), 0o600);
  // New seals in this process should use the new version straight away.
  markKeyringStale();
  return version;
}
