/**
 * The vault's key configuration: key-encryption keys (KEKs) by version, the
 * active KEK version new seals use, and the separate fingerprint (HMAC) key.
 * Each operation lives in its own file; this module is the public entry point.
 * The key material JSON format is documented in ./key-material.ts.
 */
export type Keyring = {
  /** Version that new seals are wrapped under; always present in `keks`. */
  activeKekVersion: number;
  /** KEKs by version; each is 32 bytes. Old versions stay until retired. */
  keks: Map<number, Buffer>;
  /** 32-byte HMAC key for fingerprints; never used for encryption. */
  fingerprintKey: Buffer;
  /** Where the keys came from ("env VAULT_KEYS" or "file <path>"), for messages. */
  source: string;
};

export { loadKeyring, type LoadKeyringOptions } from "./load-keyring";
export type { KeyEnv } from "./key-source";
export { getKeyring, reloadKeyring } from "./get-keyring";
export { addKekVersion } from "./add-kek-version";
export { retireKekVersion } from "./retire-kek-version";
