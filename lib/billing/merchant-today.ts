import "#server-only";
import { merchantGateway } from "../gateway/merchant-gateway";

// A merchant's "today" for billing: the UTC day on its gateway's clock, which
// for a sandbox merchant is its sandbox clock (real time plus the offset it
// was moved ahead by) and otherwise real time (docs/billing.md, "Dates").

const DAY_MS = 86_400_000;

/** The UTC day number of an instant. */
export function dayOfInstant(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The day on a clock that runs `offsetSeconds` ahead of real time (a row's clockOffsetSeconds; null: none), at `nowMs`. */
export function dayOnClock(offsetSeconds: bigint | number | null, nowMs: number): number {
  return dayOfInstant(nowMs + Number(offsetSeconds ?? 0) * 1000);
}

/** Today, as a UTC day number, on the merchant's gateway clock. */
export async function merchantToday(merchantId: bigint): Promise<number> {
  return dayOfInstant((await merchantGateway(merchantId)).now().getTime());
}
