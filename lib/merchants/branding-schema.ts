import { z } from "zod";
import { LOGO_DATA_URL, LOGO_MAX_BYTES } from "./logo";

// What setBranding accepts (lib/merchants/branding.ts). Pure, so the CLI,
// the portal's route and the portal's form in the browser share it.

export const DISPLAY_NAME_MAX = 64;

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
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour written #rrggbb")
    .transform((c) => c.toLowerCase())
    .nullable()
    .optional(),
});
export type BrandingInput = z.input<typeof BrandingSchema>;
