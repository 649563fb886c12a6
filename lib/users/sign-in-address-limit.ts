import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import { rateLimited, waitInMinutes } from "../errors/api-error";
import { returnRatePoint, takeRatePoint, type RateRule } from "../throttle/rate-limit";

// Sign-in attempts per client address (docs/api-contract.md, Portal
// sign-in). The per-user lock stops guesses at one account; this stops one
// address guessing across many accounts, or locking every owner out in
// turn. 20 failed attempts in 15 minutes: far more than a person mistyping,
// and on PostgreSQL it holds across every server process, since the count
// is in the database.
export const SIGN_IN_ADDRESS_LIMIT: RateRule = { name: "sign-in-address", limit: 20, windowSeconds: 15 * 60 };

/**
 * Counts a sign-in attempt against the address before the password is
 * checked, and refuses it (429) when the address is over the limit. Taken
 * up front rather than after a failure, so that attempts sent all at once
 * cannot all pass the check while their passwords are being hashed; a
 * successful sign-in gives its point back (returnSignInAttempt), so only
 * failures stay counted. A request without an address (none from the
 * server) is not counted.
 */
export async function takeSignInAttempt(clientAddress: string | null | undefined): Promise<void> {
  if (!clientAddress) return;
  const taken = await writeTransaction((tx) => takeRatePoint(tx, SIGN_IN_ADDRESS_LIMIT, clientAddress));
  if (!taken.allowed) {
    throw rateLimited(
      `Too many failed sign-ins from your network address. Try again in ${waitInMinutes(taken.windowEndsInSeconds)}.`,
      taken.windowEndsInSeconds,
    );
  }
}

/** Gives back the point a sign-in took, once it succeeded. */
export async function returnSignInAttempt(clientAddress: string | null | undefined): Promise<void> {
  if (!clientAddress) return;
  await writeTransaction((tx) => returnRatePoint(tx, SIGN_IN_ADDRESS_LIMIT, clientAddress));
}
