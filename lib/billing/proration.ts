// The computed prorated first payment (docs/billing.md, "Proration"): the
// cycle's amount in proportion to the days the customer has before the first
// full cycle, rounded half up to a whole minor unit.

/** amtTran × partialDays / cycleDays in integer minor units, rounded half up; exact for any amount (BigInt). */
export function proratedAmount(amtTran: number, partialDays: number, cycleDays: number): number {
  if (!Number.isSafeInteger(amtTran) || amtTran < 0) throw new RangeError(`amount must be a non-negative integer, got ${amtTran}`);
  if (!Number.isInteger(cycleDays) || cycleDays < 1 || !Number.isInteger(partialDays) || partialDays < 0 || partialDays > cycleDays) {
    throw new RangeError(`partial days must be from 0 to the cycle's ${cycleDays} days, got ${partialDays}`);
  }
  const numerator = 2n * BigInt(amtTran) * BigInt(partialDays) + BigInt(cycleDays);
  return Number(numerator / (2n * BigInt(cycleDays)));
}
