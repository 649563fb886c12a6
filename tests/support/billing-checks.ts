// What the billing run's reliability tests check a run against: the ledger,
// the transactions and the fake upstream's own record of the charges it
// processed (tests/support/fake-upstream-gateway.ts), and a merchant charged
// through that fake.
import type { Actor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { setMerchantGateway } from "@/lib/gateway/set-merchant-gateway";
import type { FakeUpstream } from "./fake-upstream-gateway";
import { newMerchant } from "./fixtures";

/** A new merchant whose connector is the upstream one, pointed at the fake. */
export async function upstreamMerchant(fake: FakeUpstream, name = "Billing Upstream"): Promise<Actor> {
  const created = await newMerchant(name);
  const actor: Actor = { merchantId: BigInt(created.merchantId), actor: "test" };
  await setMerchantGateway(actor, { connector: "upstream", upstreamUrl: fake.url, upstreamMerchantId: "212000000777", securityKey: fake.securityKey });
  return actor;
}

/** The ledger's rows of a merchant as [subscription, cycle, attempt, state], in the order written. */
export async function ledgerOf(merchantId: bigint): Promise<[number, number, number, string][]> {
  const rows = await getDb().billingCharge.findMany({
    where: { merchantId },
    orderBy: { id: "asc" },
    select: { subscriptionId: true, seq: true, attempt: true, state: true },
  });
  return rows.map((row) => [row.subscriptionId, row.seq, row.attempt, row.state]);
}

const BILLING_REF = /^sub-(\d+)-cycle-(\d+)-try-(\d+)$/;

/** The charges the fake processed for the billing run, read back from their merch_ref_num (the run's own naming). */
export function upstreamBillingCharges(fake: FakeUpstream): { subscriptionId: number; seq: number; attempt: number; approved: boolean; amtTran: number }[] {
  return [...fake.charges.values()].flatMap((charge) => {
    const match = BILLING_REF.exec(charge.merchRefNum);
    if (!match) return [];
    return [{ subscriptionId: Number(match[1]), seq: Number(match[2]), attempt: Number(match[3]), approved: charge.approved, amtTran: charge.amtTran }];
  });
}

/** Approved charges at the fake per "subscription/cycle", for the subscriptions given. */
export function approvedAtUpstream(fake: FakeUpstream, subscriptionIds: number[]): Map<string, number> {
  const wanted = new Set(subscriptionIds);
  const counts = new Map<string, number>();
  for (const charge of upstreamBillingCharges(fake)) {
    if (!charge.approved || !wanted.has(charge.subscriptionId)) continue;
    const key = `${charge.subscriptionId}/${charge.seq}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Sale calls the fake processed more than once under one merch_ref_num (none, when nothing was sent twice). */
export function repeatedSales(fake: FakeUpstream): string[] {
  return [...fake.saleCalls.entries()].filter(([, calls]) => calls > 1).map(([ref]) => ref);
}

/** Lookups the fake was asked, by merch_ref_num. */
export function lookupsAsked(fake: FakeUpstream): string[] {
  return fake.received.filter((request) => request.url === "/pg/lookup").map((request) => String(request.body.merch_ref_num));
}

/** Polls `check` until it is true; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
