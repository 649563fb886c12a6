import "#server-only";
import { parseKeyMaterial, serializeKeyMaterial } from "./key-material";
import { requireKeyFile, type KeyEnv } from "./key-source";
import { markKeyringStale } from "./get-keyring";
import { readKeyFile } from "./read-key-file";
import { writeFileAtomic } from "./write-file-atomic";

/**
 * Removes a non-active KEK version from the key file. Blobs still wrapped
 * under it become unreadable, so the caller must first check (or rewrap) them.
 */
export function retireKekVersion(version: number, options: { env?: KeyEnv } = {}): void {
  const file = requireKeyFile(options.env ?? process.env, "retire a KEK version");
  const current = readKeyFile(file);
  if (current === null) throw new Error(`Cannot retire KEK version ${version}: key file not found: ${file}`);
  const keyring = parseKeyMaterial(current.json, `file ${file}`);

  if (!keyring.keks.has(version)) throw new Error(`Cannot retire KEK version ${version}: it is not in ${file}`);
  if (version === keyring.activeKekVersion) {
    throw new Error(`Cannot retire KEK version ${version}: it is the active version; add a new version first`);
  }
  const keks = new Map(keyring.keks);
  keks.delete(version);

  writeFileAtomic(file, serializeKeyMaterial({ ...keyring, keks }), 0o600);
  markKeyringStale();
}
