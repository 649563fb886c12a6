import { z } from "zod";

// The portal's own request shapes (sign-in and the second factor). These
// are shared by the client forms (react-hook-form's resolver) and the route
// handlers, so a browser and the server always agree on what is valid.
// Vault data (customers, addresses) uses lib/vault/schemas.ts, as the API does.

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "That is too long for an email address"),
  password: z.string().min(1, "Enter your password").max(256, "That is too long for a password"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const secondFactorSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the code from your authenticator app, or a recovery code")
    .max(32, "That is longer than any code"),
});
export type SecondFactorInput = z.infer<typeof secondFactorSchema>;

export const confirmEnrolmentSchema = z.object({
  pending: z.string().min(1).max(2048),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code your app shows"),
});

export const requireTotpSchema = z.object({ requireTotp: z.boolean() });

/** The token sign-in's fetch sends in x-vault-csrf before any session exists (see app/portal/session/route.ts). */
export const SIGN_IN_CSRF = "sign-in";

const ROLE_NAMES = ["owner", "admin", "staff", "viewer"] as const;

export const inviteUserSchema = z.object({
  email: z.string().trim().min(1, "Enter an email address").max(254, "That is too long for an email address"),
  role: z.enum(ROLE_NAMES, { error: "Choose a role" }),
});
export type InviteUserInput = z.infer<typeof inviteUserSchema>;

export const changeRoleSchema = z.object({ role: z.enum(ROLE_NAMES, { error: "Choose a role" }) });

export const userPathSchema = z.object({ userId: z.coerce.number().int().positive().max(2_147_483_647) });
export const invitePathSchema = z.object({ inviteId: z.string().regex(/^[0-9a-f]{64}$/, "is not an invitation id") });

export const acceptInviteSchema = z
  .object({
    token: z.string().min(1).max(128),
    password: z.string().min(12, "Use at least 12 characters").max(256, "Use at most 256 characters"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
export type AcceptInviteInput = z.infer<typeof acceptInviteSchema>;
