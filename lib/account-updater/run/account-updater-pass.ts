import "#server-only";
import { dayOnClock, merchantToday } from "../../billing/merchant-today";
import { directQuery } from "../../db/direct-sql";
import { Prisma } from "../../db/sql";
import type { ApplyCounts } from "./apply-answers";
import { collectFiles } from "./collect-files";
import type { ClaimLease } from "./file-claims";
import { harvestDue } from "../harvest-month";
import { selectHarvests, startHarvest } from "./harvest";
import { sendFiles } from "./send-files";

// The Account Updater's run (docs/account-updater.md, "The run"), per
// merchant on its own day: collect the answers to files sent before (so a
// file is answered on the pass after the one that sent it, and on the
// sandbox clock the day after), start and choose the monthly harvest when
// due, then send what is waiting. Only an enrolled merchant's files are
// sent; answers already on their way are still applied after it leaves.

export type AccountUpdaterCounts = ApplyCounts & { harvests: number; sent: number };

export type AccountUpdaterRunOptions = {
  workerId: string;
  leaseMs?: number;
  isStopping?: () => boolean;
  /** The sandbox clock's day by day: a file is answered on the day after the one it was sent, never the same day. */
  answersNextDay?: boolean;
};

/** Long enough for a file of 1,000 cards to be opened, sent and applied. */
const LEASE_MS = 120_000;

export function emptyAccountUpdaterCounts(): AccountUpdaterCounts {
  return { applied: 0, updated: 0, held: 0, completed: 0, harvests: 0, sent: 0 };
}

export function addAccountUpdaterCounts(total: AccountUpdaterCounts, more: AccountUpdaterCounts): void {
  for (const key of Object.keys(total) as (keyof AccountUpdaterCounts)[]) total[key] += more[key];
}

/** Runs the merchant's Account Updater work for `today` (a day number; by default the merchant's own day). */
export async function runMerchantAccountUpdater(merchantId: bigint, options: AccountUpdaterRunOptions, today?: number): Promise<AccountUpdaterCounts> {
  const day = today ?? (await merchantToday(merchantId));
  const lease: ClaimLease = { workerId: options.workerId, leaseMs: options.leaseMs ?? LEASE_MS };
  const counts = emptyAccountUpdaterCounts();
  addAccountUpdaterCounts(counts, {
    ...(await collectFiles(merchantId, day, lease, { isStopping: options.isStopping, sentBeforeToday: options.answersNextDay })),
    harvests: 0,
    sent: 0,
  });
  const [enrolment] = await directQuery<{ harvestDay: number | bigint; lastHarvestMonth: number | bigint | null }>(
    Prisma.sql`SELECT "harvestDay", "lastHarvestMonth" FROM "AccountUpdaterEnrolment" WHERE "merchantId" = ${merchantId}`,
  );
  if (!enrolment || options.isStopping?.()) return counts;
  const due = { harvestDay: Number(enrolment.harvestDay), lastHarvestMonth: enrolment.lastHarvestMonth === null ? null : Number(enrolment.lastHarvestMonth) };
  if (harvestDue(due, day) && (await startHarvest(merchantId, day, lease))) counts.harvests++;
  await selectHarvests(merchantId, day, lease, options.isStopping);
  counts.sent += await sendFiles(merchantId, day, lease, options.isStopping);
  return counts;
}

/**
 * The merchants with Account Updater work now, each with its day: files not
 * done, a harvest still choosing, or (enrolled) a harvest due on its own
 * clock. One read per pass.
 */
async function merchantsWithWork(nowMs: number): Promise<Map<bigint, number>> {
  const rows = await directQuery<{
    merchantId: bigint | number;
    open: bigint | number;
    harvestDay: number | bigint | null;
    lastHarvestMonth: number | bigint | null;
    clockOffsetSeconds: number | bigint | null;
  }>(Prisma.sql`
    SELECT m."merchantId", m."open", e."harvestDay", e."lastHarvestMonth", g."clockOffsetSeconds"
    FROM (
      SELECT "merchantId", 1 AS "open" FROM "AccountUpdaterFile" WHERE "doneAt" IS NULL
      UNION SELECT "merchantId", 1 AS "open" FROM "AccountUpdaterRequest" WHERE "selecting"
      UNION SELECT "merchantId", 0 AS "open" FROM "AccountUpdaterEnrolment"
    ) m
    LEFT JOIN "AccountUpdaterEnrolment" e ON e."merchantId" = m."merchantId"
    LEFT JOIN "MerchantGateway" g ON g."merchantId" = m."merchantId"`);
  const work = new Map<bigint, number>();
  for (const row of rows) {
    const today = dayOnClock(row.clockOffsetSeconds, nowMs);
    const due =
      row.harvestDay !== null &&
      harvestDue({ harvestDay: Number(row.harvestDay), lastHarvestMonth: row.lastHarvestMonth === null ? null : Number(row.lastHarvestMonth) }, today);
    if (Number(row.open) === 1 || due) work.set(BigInt(row.merchantId), today);
  }
  return work;
}

/** One pass over every merchant with work, each on its own day: what the worker runs on each poll. */
export async function runAccountUpdaterPass(options: AccountUpdaterRunOptions): Promise<AccountUpdaterCounts> {
  const total = emptyAccountUpdaterCounts();
  for (const [merchantId, today] of await merchantsWithWork(Date.now())) {
    if (options.isStopping?.()) break;
    addAccountUpdaterCounts(total, await runMerchantAccountUpdater(merchantId, options, today));
  }
  return total;
}
