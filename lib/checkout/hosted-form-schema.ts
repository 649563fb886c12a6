import { z } from "zod";
import type { AddBillingCardInput } from "../vault/schemas";

// The hosted card form's fields, as the browser sends them. One schema for
// the server action and, later, the browser's react-hook-form resolver. The
// card rules themselves (Luhn, brand, expiry in the future, CVV length for
// the brand) are lib/vault/prepare-card.ts's, applied on submit.

/** The fields a re-shown form keeps as typed: never the card number or the security code. */
export const REDISPLAYED_FIELDS = ["exp_date", "cardholder_name", "billing_addr1", "billing_city", "billing_state", "billing_zip"];

/** MM/YY, MMYY or MM/YYYY (DESIGN.md, pinned details) as MMYY, or null. */
export function normaliseExpiry(value: string): string | null {
  const match = /^\s*(0[1-9]|1[0-2])\s*\/?\s*(\d{2}|20\d{2})\s*$/.exec(value);
  if (!match) return null;
  const [, month, year] = match as unknown as [string, string, string];
  return `${month}${year.slice(-2)}`;
}

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

export const HostedCardFormSchema = z.object({
  // Spaces and dashes are how people type and paste numbers.
  card_number: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "Enter your card number").regex(/^\d+$/, "Use digits only")),
  exp_date: z
    .string()
    .min(1, "Enter the expiry date")
    .transform((v, ctx) => {
      const mmyy = normaliseExpiry(v);
      if (!mmyy) {
        ctx.addIssue({ code: "custom", message: "Enter the expiry as MM/YY" });
        return z.NEVER;
      }
      return mmyy;
    }),
  cvv2: z.string().trim().regex(/^\d{3,4}$/, "Enter the 3 or 4 digit security code"),
  cardholder_name: optional(64),
  billing_addr1: optional(128),
  billing_city: optional(64),
  billing_state: optional(3),
  billing_zip: z.string().trim().min(1, "Enter the billing ZIP or postal code").max(10, "Use at most 10 characters"),
});
export type HostedCardForm = z.output<typeof HostedCardFormSchema>;

/** The form as the vault's card input; the cardholder name splits at its last space. */
export function toCardInput(form: HostedCardForm): AddBillingCardInput {
  const name = form.cardholder_name ?? "";
  const split = name.lastIndexOf(" ");
  return {
    card_number: form.card_number,
    exp_date: form.exp_date,
    cvv2: form.cvv2,
    billing_zip: form.billing_zip,
    billing_first_name: split > 0 ? name.slice(0, split).slice(0, 32) : name ? name.slice(0, 32) : undefined,
    billing_last_name: split > 0 ? name.slice(split + 1).slice(0, 32) : undefined,
    billing_addr1: form.billing_addr1,
    billing_city: form.billing_city,
    billing_state: form.billing_state,
  };
}
