import "#server-only";
import type { Keyring } from "./keyring";
import { loadKeyringWithStamp } from "./load-keyring";
import { sameStamp, statKeyFile, type FileStamp } from "./read-key-file";

// Bounds the cost of noticing a rotated key file: at most one stat per second.
const RESTAT_INTERVAL_MS = 1000;

type Cached = { keyring: Keyring; stamp: FileStamp | null; checkedAt: number };

let cached: Cached | null = null;

/**
 * Returns the process-wide keyring, loading it on first use and reloading it
 * when the key file changes on disk. It never generates a key file: only the
 * start-up check does, on an empty database (verify-keys-for-data.ts), so a
 * key file that went missing can never be silently replaced.
 */
export function getKeyring(): Keyring {
  if (cached === null) return load();
  const { stamp } = cached;
  const now = performance.now();
  if (stamp !== null && now - cached.checkedAt >= RESTAT_INTERVAL_MS) {
    cached.checkedAt = now;
    const current = statKeyFile(stamp.path);
    if (current === null) {
      // Keep serving with the keys already in memory; regenerating here would
      // create new keys and strand everything sealed so far.
      console.warn(`[vault] key file ${stamp.path} has disappeared; still using the keys loaded earlier`);
    } else if (!sameStamp(current, stamp)) {
      try {
        return load();
      } catch (error) {
        // A bad edit must not take the service down; keep the old keys and
        // try again on the next check.
        console.warn(`[vault] key file changed but could not be loaded; still using the previous keys: ${messageOf(error)}`);
      }
    }
  }
  return cached.keyring;
}

/** Forces a reload of the process-wide keyring from its source and returns it. */
export function reloadKeyring(): Keyring {
  return load();
}

/** Makes the next getKeyring() re-check the key file now; used after this process edits it. */
export function markKeyringStale(): void {
  if (cached !== null) cached.checkedAt = Number.NEGATIVE_INFINITY;
}

function load(): Keyring {
  const { keyring, stamp } = loadKeyringWithStamp();
  cached = { keyring, stamp, checkedAt: performance.now() };
  return keyring;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
