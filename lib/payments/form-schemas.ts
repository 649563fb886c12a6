import { z } from "zod";
import { freeText } from "../validation/free-text";

// The portal's payment forms: "Charge card" on a customer's card, and
// capture, refund and void on a transaction. Each schema is shared by the
// form in the browser and the route that receives it. Amounts are typed as
// decimals; the server turns them into minor units by their currency's
// digits, as every /pg request (amount.ts).

/** An amount as staff type it: digits, with at most two decimals. */
export const AmountTextSchema = z
  .string({ error: "is required" })
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, "must be an amount such as 25 or 25.50");

/**
 * Made by the form once per dialog it opens: a second send of the same
 * request (a retry after a lost answer) answers the first one's outcome and
 * never charges twice (the Idempotency-Key's records, lib/idempotency).
 */
export const RequestKeySchema = z.string({ error: "is required" }).regex(/^[0-9a-f]{32}$/, "must be 32 lowercase hex characters");

export const ChargeCardFormSchema = z.object({
  amt_tran: AmountTextSchema,
  tran_currency: z.number({ error: "must be an ISO 4217 numeric currency code" }).int("must be an ISO 4217 numeric currency code"),
  merch_ref_num: freeText(z.string().trim().max(128, "must be at most 128 characters")).optional(),
  request_key: RequestKeySchema,
});
export type ChargeCardForm = z.infer<typeof ChargeCardFormSchema>;

/** Capture and refund take an amount (absent: all that is left); a void takes none. */
export const FollowUpFormSchema = z.object({
  amt_tran: AmountTextSchema.optional(),
  request_key: RequestKeySchema,
});
export type FollowUpForm = z.infer<typeof FollowUpFormSchema>;
