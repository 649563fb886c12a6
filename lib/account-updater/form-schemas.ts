import { z } from "zod";
import { HARVEST_DAY_RULE, isHarvestDay } from "./harvest-day";

// The portal's Account Updater form, shared by the browser's react-hook-form
// resolver and the route that receives it (POST
// /portal/api/account-updater/enrolment). The page sends either an
// enrolment with its harvest day as typed, or an unenrolment alone.

/** The harvest day as typed into its field: a whole number from 1 to 28, in the server's words. */
const HarvestDayText = z
  .string()
  .trim()
  .min(1, "is required")
  .regex(/^\d{1,2}$/, HARVEST_DAY_RULE)
  .transform(Number)
  .refine(isHarvestDay, HARVEST_DAY_RULE);

/** Enrol (or change the day of an enrolment) with `harvest_day`; unenrol with `enrolled: false`, whose day is not read. */
export const EnrolmentFormSchema = z
  .object({
    enrolled: z.boolean(),
    harvest_day: z.string().optional(),
  })
  .transform((form, ctx) => {
    if (!form.enrolled) return { enrolled: false as const };
    const day = HarvestDayText.safeParse(form.harvest_day ?? "");
    if (!day.success) {
      // The first problem is the one to fix: an empty field is "required", not also "not a number".
      ctx.addIssue({ code: "custom", path: ["harvest_day"], message: day.error.issues[0]?.message ?? HARVEST_DAY_RULE });
      return z.NEVER;
    }
    return { enrolled: true as const, harvest_day: day.data };
  });

/** The form's values as the page holds them. */
export type EnrolmentFormValues = z.input<typeof EnrolmentFormSchema>;
export type EnrolmentFormInput = z.output<typeof EnrolmentFormSchema>;
