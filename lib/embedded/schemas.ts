import { z } from "zod";
import { freeText } from "../validation/free-text";

// GET /platform/embedded's query (docs/payments.md, "Embedded form payments"):
// with amt_tran, the key's form charges the card before it makes the token.
// A vault extension: the reference's key has no amount. The fields are the
// payment link's, under the same names and lengths; the amount and currency
// are checked by the gateway API's own rules (lib/payments/amount.ts), so a
// query string's text is kept as it is here. compact, also an extension,
// drops the form's logo and heading for a page that has its own.

export const EmbeddedKeyQuerySchema = z.object({
  amt_tran: z.string().optional(),
  tran_currency: z
    .string()
    .regex(/^\d{1,3}$/, "must be an ISO 4217 numeric currency code")
    .optional(),
  request_type: z.enum(["sale", "auth"], { error: "must be sale or auth" }).optional(),
  merch_ref_num: freeText(z.string().max(128, "must be at most 128 characters")).optional(),
  purchase_id: freeText(z.string().max(25, "must be at most 25 characters")).optional(),
  compact: z
    .enum(["true", "false"], { error: "must be true or false" })
    .optional()
    .transform((value) => value === "true"),
});
export type EmbeddedKeyQuery = z.infer<typeof EmbeddedKeyQuerySchema>;
