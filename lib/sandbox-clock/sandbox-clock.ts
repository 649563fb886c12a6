import "#server-only";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { recordAudit, type Actor } from "../audit/record-audit";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, fieldError } from "../errors/api-error";
import { getMerchantGateway, moveClockAhead } from "../gateway/set-merchant-gateway";
import { merchantToday } from "../billing/merchant-today";
import { runMerchantBilling } from "../billing/run/billing-pass";
import { addCounts, emptyCounts } from "../billing/run/charge-claimed";
import { formatDay, parseDay } from "../billing/utc-date";
import { runMerchantAccountUpdater } from "../account-updater/run/account-updater-pass";
import { MAX_ADVANCE_DAYS, type MoveSandboxClockInput, type SandboxClock, type SandboxClockMoved } from "./schemas";

// The sandbox clock (docs/billing.md, "The sandbox clock"): a sandbox
// merchant's own date for billing and the Account Updater. Moving it forward
// runs, before answering, every day's due work in order (the day's billing,
// then its Account Updater work: yesterday's files answered, the monthly
// harvest, files sent), so a year of monthly billing runs in one request.
// It only moves forward, and only a merchant on the sandbox connector has
// one.

const DAY_SECONDS = 86_400;
/** How long to wait for another worker that holds one of this merchant's due subscriptions before looking again. */
const CLAIM_POLL_MS = 20;

async function requireSandbox(merchantId: bigint): Promise<void> {
  if ((await getMerchantGateway(merchantId)).connector !== "sandbox") {
    throw new ApiError("forbidden", "The sandbox clock is for merchants on the sandbox connector; this merchant's charges go to a real gateway");
  }
}

export async function getSandboxClock(merchantId: bigint): Promise<SandboxClock> {
  await requireSandbox(merchantId);
  return { date: formatDay(await merchantToday(merchantId)) };
}

export async function moveSandboxClock(actor: Actor, input: MoveSandboxClockInput): Promise<SandboxClockMoved> {
  const { merchantId } = actor;
  await requireSandbox(merchantId);
  const today = await merchantToday(merchantId);
  const target = input.advance_days !== undefined ? today + input.advance_days : parseDay(input.date!)!;
  if (target < today) throw fieldError("date", `is in the past: the sandbox clock only moves forward, and today is ${formatDay(today)}`);
  if (target - today > MAX_ADVANCE_DAYS) throw fieldError("date", `is more than ${MAX_ADVANCE_DAYS} days ahead of today, ${formatDay(today)}`);

  const workerId = `sandbox-clock:${process.pid}:${randomBytes(3).toString("hex")}`;
  const counts = emptyCounts();
  let auRequests = 0;
  // Today's work first: nothing due is left behind when the clock moves on.
  for (let day = today; day <= target; day++) {
    if (day > today) await writeTransaction((tx) => moveClockAhead(tx, merchantId, DAY_SECONDS));
    addCounts(counts, await runDay(merchantId, day, workerId));
    auRequests += await runAccountUpdaterDay(merchantId, day, workerId);
  }
  await writeTransaction((tx) => recordAudit(tx, actor, "merchant.sandbox_clock", { type: "merchant", id: String(merchantId) }));
  return {
    date: formatDay(target),
    charges: counts.charges,
    declines: counts.declines,
    suspended: counts.suspended,
    completed: counts.completed,
    cancelled: counts.cancelled,
    au_requests: auRequests,
  };
}

/** Runs one day's billing for the merchant, waiting out a worker that holds some of it, so the day is done before the next begins. */
async function runDay(merchantId: bigint, day: number, workerId: string) {
  const counts = emptyCounts();
  for (;;) {
    addCounts(counts, await runMerchantBilling(merchantId, { workerId }, day));
    if (!(await othersHoldDueWork(merchantId, day))) return counts;
    await sleep(CLAIM_POLL_MS);
  }
}

/** Runs one day's Account Updater work for the merchant, waiting out a worker that holds one of its files; answers the requests completed. */
async function runAccountUpdaterDay(merchantId: bigint, day: number, workerId: string): Promise<number> {
  let completed = 0;
  for (;;) {
    completed += (await runMerchantAccountUpdater(merchantId, { workerId, answersNextDay: true }, day)).completed;
    if (!(await othersHoldFiles(merchantId))) return completed;
    await sleep(CLAIM_POLL_MS);
  }
}

async function othersHoldFiles(merchantId: bigint): Promise<boolean> {
  const now = BigInt(Date.now());
  const [row] = await directQuery<{ held: bigint | number }>(Prisma.sql`
    SELECT (SELECT COUNT(*) FROM "AccountUpdaterFile" WHERE "merchantId" = ${merchantId} AND "doneAt" IS NULL AND "claimedBy" IS NOT NULL AND "claimUntil" >= ${now})
      + (SELECT COUNT(*) FROM "AccountUpdaterRequest" WHERE "merchantId" = ${merchantId} AND "selecting" AND "claimedBy" IS NOT NULL AND "claimUntil" >= ${now}) AS "held"`);
  return Number(row?.held ?? 0) > 0;
}

async function othersHoldDueWork(merchantId: bigint, day: number): Promise<boolean> {
  const [row] = await directQuery<{ held: bigint | number }>(Prisma.sql`
    SELECT COUNT(*) AS "held" FROM "Subscription"
    WHERE "merchantId" = ${merchantId} AND "claimedBy" IS NOT NULL AND "claimUntil" >= ${BigInt(Date.now())}
      AND ("chargingPgId" IS NOT NULL OR ("status" = 'A' AND "dueDay" <= ${day} AND NOT "heldForReview"))`);
  return Number(row?.held ?? 0) > 0;
}
