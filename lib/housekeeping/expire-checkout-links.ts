import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import type { HousekeepingJob } from "./housekeeping-job";

// An open link past its expiry already reads as expired; writing the state
// down lets lists filter on it without comparing times.
export const expireCheckoutLinks: HousekeepingJob = {
  name: "expire-checkout-links",
  everyMs: 60_000,
  run: async (clock) => {
    const result = await writeTransaction((tx) =>
      tx.checkout.updateMany({ where: { state: "open", expiresAt: { lte: clock.now() } }, data: { state: "expired" } }),
    );
    return result.count;
  },
};
