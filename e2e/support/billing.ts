// The billing side of the portal's browser tests: subscriptions written
// straight to the database as the subscriptions API stores them (as
// tests/support/subscriptions.ts does for the billing run's tests: the terms
// copied onto the row, from a plan version or given, and the cursor from
// lib/billing/subscriptions/subscription-cursor.ts), and the merchant's
// sandbox clock moved through lib/billing/sandbox-clock, which runs each
// day's billing before it answers. Each test uses a merchant of its own:
// moving a clock moves that merchant's dates for good.
import { randomUUID } from "node:crypto";
import { bindToVault, SEED_ACTOR } from "./seed";
import type { VaultInfo } from "./vaults";

export type SeedTerms = {
  /** Months unless told: plan_frequency as the API numbers it. */
  frequency?: number;
  duration?: number;
  amountMinor: bigint;
  /** "YYYY-MM-DD"; today on the merchant's clock unless told. */
  dateStart?: string;
};

const actorOf = (merchantId: number) => ({ merchantId: BigInt(merchantId), actor: SEED_ACTOR, requestId: randomUUID() });

/** Today on the merchant's billing clock, as "YYYY-MM-DD". */
export async function merchantTodayText(vault: VaultInfo, merchantId: number): Promise<string> {
  bindToVault(vault);
  const { merchantToday } = await import("@/lib/billing/merchant-today");
  const { formatDay } = await import("@/lib/billing/utc-date");
  return formatDay(await merchantToday(BigInt(merchantId)));
}

/**
 * A subscription of an existing customer of the merchant, charging `cardId`
 * (null: the customer's primary card), on a plan version (its terms copied)
 * or on terms of its own; active unless `status` says otherwise. Answers its
 * subscription_id.
 */
export async function seedSubscription(
  vault: VaultInfo,
  merchantId: number,
  customerId: string,
  options: { cardId?: string | null; planId?: number; terms?: SeedTerms; status?: "A" | "P" | "C" },
): Promise<number> {
  bindToVault(vault);
  const { getDb } = await import("@/lib/db/client");
  const { firstCursor } = await import("@/lib/billing/subscriptions/subscription-cursor");
  const db = getDb();
  const customer = await db.customer.findFirstOrThrow({ where: { merchantId: BigInt(merchantId), customerId } });
  const dateStart = options.terms?.dateStart ?? (await merchantTodayText(vault, merchantId));
  const plan = options.planId === undefined ? null : await db.plan.findUniqueOrThrow({ where: { id: options.planId } });
  const terms = plan
    ? {
        frequency: plan.frequency,
        interval: plan.interval,
        duration: plan.duration,
        trialDuration: plan.trialDuration,
        trialMinor: plan.trialMinor,
        setupMinor: plan.setupMinor,
        amountMinor: plan.amountMinor,
        currency: plan.currency,
        billSpecificDay: plan.billSpecificDay,
        dayOfWeek: plan.dayOfWeek,
        dayOfMonth: plan.dayOfMonth,
        month: plan.month,
        prorateFirstPayment: plan.prorateFirstPayment,
        prorateMinor: plan.prorateMinor,
      }
    : {
        frequency: options.terms?.frequency ?? 3,
        interval: 1,
        duration: options.terms?.duration ?? 12,
        trialDuration: 0,
        trialMinor: 0n,
        setupMinor: 0n,
        amountMinor: options.terms?.amountMinor ?? 1000n,
        currency: 840,
        billSpecificDay: false,
        dayOfWeek: null,
        dayOfMonth: null,
        month: null,
        prorateFirstPayment: false,
        prorateMinor: null,
      };
  const cursor = firstCursor({ ...terms, dateStart });
  const status = options.status ?? "A";
  const row = await db.billingSubscription.create({
    data: {
      merchantId: BigInt(merchantId),
      customerId,
      customerPk: customer.id,
      cardId: options.cardId ?? null,
      status,
      planId: plan?.id ?? null,
      planCode: plan?.code ?? null,
      planName: plan?.name ?? null,
      description: plan?.description ?? "",
      ...terms,
      dateStart,
      nextSeq: cursor.nextSeq,
      // Only an active subscription is due (a paused or cancelled one waits, as the API leaves it).
      dueDay: status === "A" ? cursor.dueDay : null,
    },
  });
  return row.id;
}

/** Moves the merchant's sandbox clock some days ahead, or to a date, running each day's billing (today's first), as POST /platform/sandbox/clock does. */
export async function moveSandboxClock(vault: VaultInfo, merchantId: number, move: { advance_days: number } | { date: string }) {
  bindToVault(vault);
  const clock = await import("@/lib/sandbox-clock/sandbox-clock");
  return clock.moveSandboxClock(actorOf(merchantId), move);
}
