import "#server-only";
import { getDb, type Db, type Tx } from "../db/client";
import { addRatePoint, rateLimitRetryAfter, type RateRule } from "../throttle/rate-limit";

// Card testers spread their guesses over many links, so a per-link lock is
// not enough: an address with this many failed submissions within the
// window (from its first failure) is refused on every link until the window
// is over. Counted in the database with the vault's one rate-limit
// mechanism (lib/throttle, decision 014), inside the submit's own
// transaction, so it holds across processes on PostgreSQL.
// See docs/decisions/005-card-testing-limits.md.
export const CHECKOUT_ADDRESS_LIMIT: RateRule = { name: "checkout-address", limit: 10, windowSeconds: 10 * 60 };

/** Seconds until the address may submit again, or 0 when it may now (read in the caller's transaction, or outside one). */
export async function addressRetryAfterSeconds(tx: Tx | Db, clientAddress: string | null | undefined): Promise<number> {
  if (!clientAddress) return 0;
  return rateLimitRetryAfter(tx, CHECKOUT_ADDRESS_LIMIT, clientAddress);
}

/** Counts one failed submission (or post to a used link) against the address. */
export async function recordAddressFailure(tx: Tx, clientAddress: string | null | undefined): Promise<void> {
  if (clientAddress) await addRatePoint(tx, CHECKOUT_ADDRESS_LIMIT, clientAddress);
}

/** The same wait, read when a hosted page is shown: the form is shown disabled while it lasts. */
export async function addressRetryAfterSecondsNow(clientAddress: string | null | undefined): Promise<number> {
  return addressRetryAfterSeconds(getDb(), clientAddress);
}
