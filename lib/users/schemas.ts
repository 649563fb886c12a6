import { z } from "zod";
import { ROLES } from "./roles";

// The portal's requests about users that no browser form validates first:
// path parameters, a role change from a user's row, and the code that
// confirms a second-factor enrolment.

export const UserPathSchema = z.object({ userId: z.coerce.number().int().positive().max(2_147_483_647) });
export const InvitePathSchema = z.object({ inviteId: z.string().regex(/^[0-9a-f]{64}$/, "is not an invitation id") });

export const ChangeRoleSchema = z.object({ role: z.enum(ROLES, { error: "Choose a role" }) });

export const ConfirmEnrolmentSchema = z.object({
  pending: z.string().min(1).max(2048),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code your app shows"),
});
