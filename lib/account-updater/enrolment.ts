import "#server-only";
import { recordAudit, type Actor } from "../audit/record-audit";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { ApiError, fieldError } from "../errors/api-error";
import { merchantToday } from "../billing/merchant-today";
import { monthHarvestedAtEnrolment } from "./harvest-month";
import { DEFAULT_HARVEST_DAY, HARVEST_DAY_RULE, isHarvestDay } from "./harvest-day";

// A merchant's enrolment in the Account Updater (docs/account-updater.md,
// "Enrolment"): set by the operator's CLI or by the portal. Only an enrolled
// merchant's cards are ever sent to a network, by its monthly harvest or by
// its own requests.

export type Enrolment = { enrolled: boolean; harvestDay: number };

export async function getEnrolment(merchantId: bigint): Promise<Enrolment> {
  const row = await getDb().accountUpdaterEnrolment.findUnique({ where: { merchantId }, select: { harvestDay: true } });
  return row ? { enrolled: true, harvestDay: row.harvestDay } : { enrolled: false, harvestDay: DEFAULT_HARVEST_DAY };
}

/** Refuses a request of a merchant that is not enrolled: its cards may not be sent. */
export async function requireEnrolment(merchantId: bigint): Promise<void> {
  if (!(await getEnrolment(merchantId)).enrolled) {
    throw new ApiError("forbidden", "This merchant is not enrolled in the Account Updater; enrol it in the portal's Account Updater page first");
  }
}

/**
 * Enrols the merchant (or changes its harvest day, keeping the day unchanged
 * when none is given), or unenrols it. Unenrolling sends nothing more: files
 * not yet sent stay unsent, and its next harvest does not happen.
 */
export async function setEnrolment(actor: Actor, input: { enrolled: boolean; harvestDay?: number }): Promise<Enrolment> {
  const { merchantId } = actor;
  if (input.harvestDay !== undefined && !isHarvestDay(input.harvestDay)) throw fieldError("harvest_day", HARVEST_DAY_RULE);
  const today = await merchantToday(merchantId);
  return writeTransaction(async (tx) => {
    const target = { type: "merchant" as const, id: String(merchantId) };
    if (!input.enrolled) {
      await tx.accountUpdaterEnrolment.deleteMany({ where: { merchantId } });
      await recordAudit(tx, actor, "account_updater.unenrol", target);
      return { enrolled: false, harvestDay: DEFAULT_HARVEST_DAY };
    }
    const harvestDay = input.harvestDay ?? DEFAULT_HARVEST_DAY;
    const row = await tx.accountUpdaterEnrolment.upsert({
      where: { merchantId },
      create: { merchantId, harvestDay, lastHarvestMonth: monthHarvestedAtEnrolment(harvestDay, today) },
      update: input.harvestDay === undefined ? {} : { harvestDay: input.harvestDay },
      select: { harvestDay: true },
    });
    await recordAudit(tx, actor, "account_updater.enrol", target);
    return { enrolled: true, harvestDay: row.harvestDay };
  });
}
