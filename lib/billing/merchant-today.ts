import "#server-only";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";

// A merchant's "today" for billing: the UTC day on its gateway's clock, which
// for a sandbox merchant is its sandbox clock (real time plus the offset it
// was moved ahead by) and otherwise real time (docs/billing.md, "Dates").

const DAY_MS = 86_400_000;

/** The UTC day number of an instant. */
export function dayOfInstant(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Seconds the merchant's clock runs ahead of real time (0 without gateway settings). */
export async function clockOffsetSeconds(merchantId: bigint): Promise<number> {
  const [row] = await directQuery<{ clockOffsetSeconds: number }>(
    Prisma.sql`SELECT "clockOffsetSeconds" FROM "MerchantGateway" WHERE "merchantId" = ${merchantId}`,
  );
  return Number(row?.clockOffsetSeconds ?? 0);
}

/** Today, as a UTC day number, on the merchant's clock. */
export async function merchantToday(merchantId: bigint, nowMs: number = Date.now()): Promise<number> {
  return dayOfInstant(nowMs + (await clockOffsetSeconds(merchantId)) * 1000);
}
