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

/** Today, as a UTC day number, on the merchant's gateway clock. */
export async function merchantToday(merchantId: bigint): Promise<number> {
  return dayOfInstant((await merchantGateway(merchantId)).now().getTime());
}
