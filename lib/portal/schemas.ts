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
