import "#server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db, Tx } from "../db/client";
import { queryRows } from "../db/direct-sql";
import { Prisma } from "../db/sql";

// The vault's one rate-limiting mechanism (docs/decisions/014): counters in
// the RateLimit table, kept by rate-limiter-flexible's Prisma store. Every
// call takes the caller's transaction and the store runs its statements on
// it, so a count commits with the change it belongs to and, on SQLite, never
// runs outside a transaction (lib/db/client.ts). The store adds points with
// an upsert whose increment happens in the database, so requests counting
// at once in several processes are all counted.
//
// A window is fixed: it starts with a key's first point and lasts the rule's
// windowSeconds; once it ends the next point starts a new one. The worker's
// housekeeping prunes the rows of ended windows (lib/housekeeping).

/** At most `limit` points per key in a window of `windowSeconds`. `name` keeps rules' keys apart. */
export type RateRule = { name: string; limit: number; windowSeconds: number };

/** Where a key stands: points spent in its window, and seconds until the window ends (0 without one). */
export type RateCount = { points: number; windowEndsInSeconds: number };

// One store object per call: it holds no state of its own (in-memory
// blocking stays off), and it must run on the caller's transaction (or, to
// read only, on the client).
function limiter(tx: Tx | Db, rule: RateRule): RateLimiterPrisma {
  return new RateLimiterPrisma({
    storeClient: tx,
    tableName: "rateLimit",
    keyPrefix: rule.name,
    points: rule.limit,
    duration: rule.windowSeconds,
    // The worker prunes ended windows; a timer per object would not be stopped.
    clearExpiredByTimeout: false,
  });
}

function countOf(res: RateLimiterRes | null): RateCount {
  if (!res) return { points: 0, windowEndsInSeconds: 0 };
  return { points: res.consumedPoints, windowEndsInSeconds: res.msBeforeNext > 0 ? Math.ceil(res.msBeforeNext / 1000) : 0 };
}

/** Seconds until `key` is under `rule`'s limit again, or 0 when it is under now. Counts nothing. */
export async function rateLimitRetryAfter(tx: Tx | Db, rule: RateRule, key: string): Promise<number> {
  const { points, windowEndsInSeconds } = await rateCount(tx, rule, key);
  return points >= rule.limit ? Math.max(1, windowEndsInSeconds) : 0;
}

/**
 * The key's count in its current window. Read with our own SELECT of the
 * store's row (the one the store's own get() reads, under the key the store
 * names it by), so that outside a transaction it runs straight on the driver
 * (queryRows, decision 004): every hosted submit asks. Writes stay the
 * store's, for its atomic increment.
 */
export async function rateCount(tx: Tx | Db, rule: RateRule, key: string): Promise<RateCount> {
  const now = new Date();
  const [row] = await queryRows<{ points: number | bigint; expire: Date | null }>(
    tx,
    Prisma.sql`SELECT "points", "expire" FROM "RateLimit" WHERE "key" = ${limiter(tx, rule).getKey(key)} AND ("expire" IS NULL OR "expire" > ${now})`,
  );
  if (!row) return { points: 0, windowEndsInSeconds: 0 };
  const msLeft = row.expire ? row.expire.getTime() - now.getTime() : 0;
  return { points: Number(row.points), windowEndsInSeconds: msLeft > 0 ? Math.ceil(msLeft / 1000) : 0 };
}

/**
 * Spends one point, and answers whether the key was still within the limit.
 * A refused point is counted too, but cannot make the window longer: it ends
 * when it would have.
 */
export async function takeRatePoint(tx: Tx, rule: RateRule, key: string): Promise<RateCount & { allowed: boolean }> {
  try {
    return { allowed: true, ...countOf(await limiter(tx, rule).consume(key, 1)) };
  } catch (refusal) {
    // consume() rejects with the count when over the limit, with an Error when the store failed.
    if (refusal instanceof RateLimiterRes) return { allowed: false, ...countOf(refusal) };
    throw refusal;
  }
}

/** Adds one point after the fact (an outcome that counts against the key), and answers the new count. */
export async function addRatePoint(tx: Tx, rule: RateRule, key: string): Promise<RateCount> {
  return countOf(await limiter(tx, rule).penalty(key, 1));
}

/** Gives back a point taken up front for an outcome that turned out not to count. */
export async function returnRatePoint(tx: Tx, rule: RateRule, key: string): Promise<void> {
  await limiter(tx, rule).reward(key, 1);
}
