import { z } from "zod";
import { RedirectUrlSchema } from "../urls/redirect-url";
import { HEX_COLOR } from "./brand-color";
import { LOGO_MAX_BYTES } from "./logo";
import { parseOrigin } from "./parse-origin";
import { DISPLAY_NAME_MAX } from "./schemas";
import { freeText } from "../validation/free-text";

// The free-text rule (lib/validation/free-text.ts) in these forms' words.
const FREE_TEXT = { messages: { cardNumber: "Remove the card number", controlCharacter: "Remove the control or special formatting characters" } };

// The portal's settings forms: one schema per shape, used by the browser
// form's resolver and by the route handler that receives it. Webhooks use
// the API's own schemas (lib/webhooks/schemas.ts).

/** The branding form: display name, colour (empty for the default), and what to do with the logo. */
export const BrandingFormSchema = z.object({
  // Free text (lib/validation/free-text.ts): shown on the hosted page.
  displayName: freeText(
    z.string().trim().min(1, "Enter the name customers see").max(DISPLAY_NAME_MAX, `Use at most ${DISPLAY_NAME_MAX} characters`),
    FREE_TEXT,
  ),
  primaryColor: z
    .string()
    .trim()
    .refine((v) => v === "" || HEX_COLOR.test(v), "Write the colour as #rrggbb, for example #0f766e"),
  logo: z.discriminatedUnion("action", [
    z.object({ action: z.literal("keep") }),
    z.object({ action: z.literal("remove") }),
    // A data: URL read from the chosen file; the server checks its bytes again.
    z.object({ action: z.literal("replace"), dataUrl: z.string().max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 128, "The file is too large") }),
  ]),
});
export type BrandingFormInput = z.infer<typeof BrandingFormSchema>;

/** One iframe origin to register or remove. */
export const OriginFormSchema = z.object({
  origin: z
    .string()
    .trim()
    .min(1, "Enter an origin, for example https://shop.example")
    .max(256, "Use at most 256 characters")
    .transform((value, ctx) => {
      const parsed = parseOrigin(value);
      if ("problem" in parsed) {
        ctx.addIssue({ code: "custom", message: `The origin ${parsed.problem}` });
        return z.NEVER;
      }
      return parsed.origin;
    }),
});
export type OriginFormInput = z.input<typeof OriginFormSchema>;

/** An optional redirect URL field: empty means none. */
const OptionalRedirectUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(RedirectUrlSchema.nullable());

/** The merchant's default success and failure URLs, copied into links made without their own. */
export const RedirectDefaultsFormSchema = z.object({ successUrl: OptionalRedirectUrl, failureUrl: OptionalRedirectUrl });
export type RedirectDefaultsInput = z.input<typeof RedirectDefaultsFormSchema>;

/** A new API key's label. */
export const ApiKeyFormSchema = z.object({
  label: freeText(z.string().trim().min(1, "Enter a label, for example “Production server”").max(64, "Use at most 64 characters"), FREE_TEXT),
});
export type ApiKeyFormInput = z.infer<typeof ApiKeyFormSchema>;
