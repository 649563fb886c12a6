import { z } from "zod";
import { ROLES } from "./roles";

// The portal's forms about users: signing in, the second factor, inviting and
// accepting an invitation. Each schema is shared by the browser form
// (react-hook-form's resolver) and the route handler that receives it, so a
// browser and the server always agree on what is valid.

export const SignInFormSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "That is too long for an email address"),
  password: z.string().min(1, "Enter your password").max(256, "That is too long for a password"),
});
export type SignInInput = z.infer<typeof SignInFormSchema>;

export const SecondFactorFormSchema = z.object({
  code: z.string().trim().min(1, "Enter the code from your authenticator app, or a recovery code").max(32, "That is longer than any code"),
});
export type SecondFactorInput = z.infer<typeof SecondFactorFormSchema>;

export const InviteUserFormSchema = z.object({
  email: z.string().trim().min(1, "Enter an email address").max(254, "That is too long for an email address"),
  role: z.enum(ROLES, { error: "Choose a role" }),
});
export type InviteUserInput = z.infer<typeof InviteUserFormSchema>;

export const AcceptInviteFormSchema = z
  .object({
    token: z.string().min(1).max(128),
    password: z.string().min(12, "Use at least 12 characters").max(256, "Use at most 256 characters"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
export type AcceptInviteInput = z.infer<typeof AcceptInviteFormSchema>;
