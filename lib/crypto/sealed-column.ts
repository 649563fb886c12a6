import type { Keyring } from "./keyring";

/**
 * One kind of sealed value kept in the database, as key rotation sees it.
 * The area that owns the column provides its entry, since only it knows the
 * table and the associated data its values were sealed with; the list of
 * entries is lib/key-rotation/sealed-columns.ts. Crypto itself never learns
 * what the values are.
 */
export type SealedColumn = {
  /** The name rotation progress reports ("card", "merchant", ...). */
  name: string;
  /** How many values each KEK version protects (rows without a value are not counted). */
  countByVersion(): Promise<Map<number, number>>;
  /**
   * Re-wraps up to `limit` values not under KEK version `target`, in one
   * transaction, each row updated only while it still has the version it was
   * read with (a value changed meanwhile is left to the next pass). Returns
   * how many values it read: fewer than `limit` means none is left.
   */
  rewrap(target: number, keyring: Keyring, limit: number): Promise<number>;
  /**
   * One value wrapped under KEK version `version`, with the associated data
   * it was sealed for, or null when the column has none. Start-up opens its
   * wrap to prove a key really is the one the data was sealed with before it
   * records that key's check value (lib/crypto/verify-keys-for-data.ts).
   * Optional: a version found only in columns without it is left unchecked.
   */
  sampleOf?(version: number): Promise<SealedSample | null>;
};

/** A sealed value and the associated data that opens it. */
export type SealedSample = { sealed: Uint8Array; aad: string };
