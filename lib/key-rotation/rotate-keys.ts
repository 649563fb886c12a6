import "#server-only";
import { addKekVersion } from "../crypto/add-kek-version";
import { reloadKeyring } from "../crypto/get-keyring";
import { verifyKeysForData } from "../crypto/verify-keys-for-data";
import { countSealedByVersion } from "./count-sealed-by-version";
import { SEALED_COLUMNS } from "./sealed-columns";

/** A little over the servers' key file re-check interval. */
const KEY_FILE_PICKUP_MS = 1500;

/** After each batch: the column's name and the running total. */
export type RotationProgress = { table: string; rewrapped: number };

/**
 * Online key rotation: re-wraps every data key under the active KEK version
 * without touching the encrypted data, column by column of SEALED_COLUMNS.
 * Rows are updated a batch at a time with their old version in the WHERE
 * clause, so a value written meanwhile by a running server is never
 * overwritten, and each column is read until no row is left on an older
 * version. Stopping at any point is safe: run it again and it resumes where
 * it was (`limit` exists so tests can interrupt it).
 *
 * `addVersion`: make a new KEK version first. Leave it false to finish an
 * interrupted rotation.
 */
export async function rotateKeys(options: {
  addVersion: boolean;
  batchSize?: number;
  limit?: number;
  onProgress?: (progress: RotationProgress) => void;
}): Promise<{ activeVersion: number; rewrapped: number; complete: boolean }> {
  if (options.addVersion) {
    addKekVersion();
    // The new version's key check value, before anything is sealed under it,
    // so every later start proves the key file still holds this key.
    await verifyKeysForData({ columns: SEALED_COLUMNS });
    // Running servers re-check the key file at most once a second
    // (lib/crypto/get-keyring.ts); waiting a little longer means they seal new
    // values under the new version before the first pass starts, so one pass
    // is enough.
    await new Promise((resolve) => setTimeout(resolve, KEY_FILE_PICKUP_MS));
  }
  const keyring = reloadKeyring();
  const target = keyring.activeKekVersion;
  // Small enough that a running server waits at most a few tens of ms for the write lock.
  const batchSize = options.batchSize ?? 100;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let rewrapped = 0;

  for (const column of SEALED_COLUMNS) {
    for (;;) {
      if (rewrapped >= limit) break;
      const take = Math.min(batchSize, limit - rewrapped);
      const done = await column.rewrap(target, keyring, take);
      rewrapped += done;
      if (done > 0) options.onProgress?.({ table: column.name, rewrapped });
      if (done < take) break;
    }
  }

  const remaining = await countSealedByVersion();
  const complete = [...remaining.entries()].every(([version, count]) => version === target || count === 0);
  return { activeVersion: target, rewrapped, complete };
}
