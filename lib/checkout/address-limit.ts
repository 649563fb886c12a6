import "#server-only";
import type { Tx } from "../db/client";

// Card testers spread their guesses over many links, so a per-link lock is
// not enough: an address with this many failed submissions within the
// window is refused (on every link) until its oldest failure in the window
// ages out. Counted in the database, inside the submit's own transaction, so
// it holds across processes on PostgreSQL and needs nothing beside SQLite.
// See docs/decisions/005-card-testing-limits.md.
export const ADDRESS_MAX_FAILURES = 10;
export const ADDRESS_WINDOW_MS = 10 * 60 * 1000;

/** Seconds until the address may submit again, or 0 when it may now. */
export async function addressRetryAfterSeconds(tx: Tx, clientAddress: string | null | undefined, now = new Date()): Promise<number> {
  if (!clientAddress) return 0;
  const since = new Date(now.getTime() - ADDRESS_WINDOW_MS);
  const recent = await tx.captureFailure.findMany({
    where: { clientAddress, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: ADDRESS_MAX_FAILURES,
    select: { createdAt: true },
  });
  if (recent.length < ADDRESS_MAX_FAILURES) return 0;
  // The failure that must age out for the address to drop under the limit.
  const oldestCounted = recent[ADDRESS_MAX_FAILURES - 1]!.createdAt.getTime();
  return Math.max(1, Math.ceil((oldestCounted + ADDRESS_WINDOW_MS - now.getTime()) / 1000));
}

export async function recordAddressFailure(tx: Tx, clientAddress: string | null | undefined, checkoutId: string): Promise<void> {
  if (clientAddress) await tx.captureFailure.create({ data: { clientAddress, checkoutId }, select: { id: true } });
}
