import { z } from "zod";
import { HEX_COLOR } from "./brand-color";
import { LOGO_DATA_URL, LOGO_MAX_BYTES } from "./logo";

// The merchant settings' request schemas. Pure, so the CLI, the portal's
// routes and the portal's forms in the browser share them; the forms' own
// schemas are in form-schemas.ts.

/** How long a display name may be, in the form and in what setBranding accepts. */
export const DISPLAY_NAME_MAX = 64;

/** What setBranding accepts (lib/merchants/branding.ts). */
export const BrandingSchema = z.object({
  displayName: z.string().trim().min(1, "must not be empty").max(DISPLAY_NAME_MAX, `must be at most ${DISPLAY_NAME_MAX} characters`).nullable().optional(),
  // A data: URL made by logoDataUrl (lib/merchants/logo.ts): the page's CSP shows no other origin's image.
  logoUrl: z
    .string()
    .max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 64, "is too large")
    .regex(LOGO_DATA_URL, "must be a PNG, JPEG, GIF or WebP image")
    .nullable()
    .optional(),
  primaryColor: z
    .string()
    .regex(HEX_COLOR, "must be a colour written #rrggbb")
    .transform((c) => c.toLowerCase())
    .nullable()
    .optional(),
});
export type BrandingInput = z.input<typeof BrandingSchema>;

/** An API key in the portal's paths. */
export const ApiKeyPathSchema = z.object({
  api_key_id: z
    .string()
    .regex(/^\d{1,9}$/, "must be an integer")
    .transform(Number),
});

/** Whether every user of the merchant must sign in with a second factor. */
export const RequireTotpSchema = z.object({ requireTotp: z.boolean() });
