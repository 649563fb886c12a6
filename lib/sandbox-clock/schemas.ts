import { z } from "zod";
import { parseDay } from "../billing/utc-date";

// The sandbox clock's request and answer (docs/billing.md, "The sandbox clock").

export const MAX_ADVANCE_DAYS = 400;

const DateSchema = z.string({ error: "must be a date as YYYY-MM-DD" }).refine((text) => parseDay(text) !== null, "must be a calendar date as YYYY-MM-DD");

export const MoveSandboxClockSchema = z
  .object({
    advance_days: z
      .number({ error: `must be a whole number of days from 1 to ${MAX_ADVANCE_DAYS}` })
      .int(`must be a whole number of days from 1 to ${MAX_ADVANCE_DAYS}`)
      .min(1, `must be a whole number of days from 1 to ${MAX_ADVANCE_DAYS}`)
      .max(MAX_ADVANCE_DAYS, `must be a whole number of days from 1 to ${MAX_ADVANCE_DAYS}`)
      .optional(),
    date: DateSchema.optional(),
  })
  .refine((body) => (body.advance_days === undefined) !== (body.date === undefined), {
    message: "send advance_days or date, not both",
    path: ["advance_days"],
  });
export type MoveSandboxClockInput = z.infer<typeof MoveSandboxClockSchema>;

export const SandboxClockSchema = z.object({ date: z.string().meta({ description: "Today on the merchant's sandbox clock (UTC), YYYY-MM-DD." }) });
export type SandboxClock = z.infer<typeof SandboxClockSchema>;

export const SandboxClockMovedSchema = SandboxClockSchema.extend({
  charges: z.number().int().meta({ description: "Subscription cycles charged and approved on the days the clock passed." }),
  declines: z.number().int().meta({ description: "Subscription charges declined (each retry counts)." }),
  suspended: z.number().int().meta({ description: "Subscriptions suspended." }),
  completed: z.number().int().meta({ description: "Subscriptions that billed their last cycle." }),
  cancelled: z.number().int().meta({ description: "Subscriptions cancelled after 60 days suspended." }),
  au_requests: z.number().int().meta({ description: "Account Updater requests completed (answered and applied) on the days the clock passed." }),
});
export type SandboxClockMoved = z.infer<typeof SandboxClockMovedSchema>;
