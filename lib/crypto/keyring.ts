/**
 * The vault's key configuration: key-encryption keys (KEKs) by version, the
 * active KEK version new seals use, and the separate fingerprint (HMAC) key.
 * Only the type lives here: each operation has its own file (load-keyring.ts,
 * get-keyring.ts, add-kek-version.ts, ...), and they all import this type, so
 * re-exporting them from here would make an import cycle.
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
