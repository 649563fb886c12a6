import "#server-only";
import { CryptoError } from "./crypto-error";
import type { Keyring } from "./keyring";
import { getKeyring, reloadKeyring } from "./get-keyring";

/**
 * Returns a keyring holding every KEK version in `versions`. With the default
 * (process) keyring, reloads once first: another process may have rotated
 * keys since this one last looked.
 */
export function keyringWith(keyring: Keyring | undefined, versions: number[]): Keyring {
  if (keyring !== undefined) {
    requireVersions(keyring, versions);
    return keyring;
  }
  const current = getKeyring();
  if (versions.every((version) => current.keks.has(version))) return current;
  const reloaded = reloadKeyring();
  requireVersions(reloaded, versions);
  return reloaded;
}

/** Returns the KEK for `version`, or throws CryptoError("unknown_kek_version"). */
export function requireKek(keyring: Keyring, version: number): Buffer {
  const kek = keyring.keks.get(version);
  if (kek === undefined) {
    throw new CryptoError("unknown_kek_version", `KEK version ${version} is not in the keyring (${keyring.source})`);
  }
  return kek;
}

function requireVersions(keyring: Keyring, versions: number[]): void {
  for (const version of versions) requireKek(keyring, version);
}
