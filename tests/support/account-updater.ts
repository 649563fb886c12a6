// Shared steps of the Account Updater suites: an enrolled sandbox merchant,
// cards with chosen numbers, and reads of a request and its results.
import type { Actor } from "@/lib/audit/record-audit";
import { setEnrolment } from "@/lib/account-updater/enrolment";
import { getDb } from "@/lib/db/client";
import { monthOf } from "@/lib/account-updater/harvest-month";
import { merchantToday } from "@/lib/billing/merchant-today";
import { moveSandboxClock } from "@/lib/sandbox-clock/sandbox-clock";
import { newMerchant } from "./fixtures";

/**
 * A new sandbox merchant enrolled in the Account Updater, harvested on
 * `harvestDay`. With `clock`, its sandbox clock is moved to that date before
 * it enrols (so the move runs no harvest); with `harvested`, this month's
 * harvest counts as done, so a test's passes run only the requests it makes,
 * whatever day of the month the suite runs on.
 */
export async function enrolledMerchant(harvestDay: number, name: string, options: { clock?: string; harvested?: boolean } = {}): Promise<Actor> {
  const created = await newMerchant(name);
  const actor: Actor = { merchantId: BigInt(created.merchantId), actor: "test" };
  if (options.clock) await moveSandboxClock(actor, { date: options.clock });
  await enrol(actor, harvestDay, options);
  return actor;
}

/** Enrols the merchant, harvested on `harvestDay`; with `harvested`, this month's harvest (by its clock) counts as done. */
export async function enrol(actor: Actor, harvestDay: number, options: { harvested?: boolean | undefined } = {}): Promise<void> {
  await setEnrolment(actor, { enrolled: true, harvestDay });
  if (options.harvested) {
    const lastHarvestMonth = monthOf(await merchantToday(actor.merchantId));
    await getDb().accountUpdaterEnrolment.update({ where: { merchantId: actor.merchantId }, data: { lastHarvestMonth } });
  }
}

export async function cardRow(cardId: string) {
  return getDb().card.findUniqueOrThrow({
    where: { id: cardId },
    select: {
      id: true,
      maskedNumber: true,
      cardType: true,
      expDate: true,
      fingerprint: true,
      auHold: true,
      auHoldReason: true,
      replacedBy: true,
      kekVersion: true,
    },
  });
}

export async function requestsOf(merchantId: bigint) {
  return getDb().accountUpdaterRequest.findMany({ where: { merchantId }, orderBy: { id: "asc" } });
}

export async function resultsOf(requestId: number) {
  return getDb().accountUpdaterResult.findMany({ where: { requestId }, orderBy: { id: "asc" } });
}

export async function eventsOf(merchantId: bigint, type: string): Promise<Record<string, unknown>[]> {
  const rows = await getDb().event.findMany({ where: { merchantId, type }, orderBy: { id: "asc" } });
  return rows.map((row) => JSON.parse(row.payload) as Record<string, unknown>);
}

/** The same month, `years` later, as MMYY. */
export function yearsLater(mmyy: string, years: number): string {
  return mmyy.slice(0, 2) + String((Number(mmyy.slice(2)) + years) % 100).padStart(2, "0");
}
