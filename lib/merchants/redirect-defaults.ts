import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { ApiError } from "../errors/api-error";
import { zodFieldErrors } from "../errors/zod-fields";
import { recordAudit, type Actor } from "../audit/record-audit";
import { RedirectDefaultsFormSchema, type RedirectDefaultsInput } from "./form-schemas";

// A merchant's default success_url and failure_url (set in the portal,
// Settings, Checkout settings). createCheckout copies them into a link made
// without its own, so a link never changes after it is made.

export type RedirectDefaults = { successUrl: string | null; failureUrl: string | null };

export async function getRedirectDefaults(merchantId: bigint): Promise<RedirectDefaults> {
  const row = await getDb().merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { defaultSuccessUrl: true, defaultFailureUrl: true } });
  return { successUrl: row.defaultSuccessUrl, failureUrl: row.defaultFailureUrl };
}

/** Sets both defaults (null clears one), checked with the links' own URL rule, and records it. */
export async function setRedirectDefaults(actor: Actor, input: RedirectDefaultsInput): Promise<RedirectDefaults> {
  const parsed = RedirectDefaultsFormSchema.safeParse(input);
  if (!parsed.success) throw new ApiError("validation", "Request validation failed", zodFieldErrors(parsed.error, ""));
  const { successUrl, failureUrl } = parsed.data;
  await writeTransaction(async (tx) => {
    await tx.merchant.update({ where: { id: actor.merchantId }, data: { defaultSuccessUrl: successUrl, defaultFailureUrl: failureUrl } });
    await recordAudit(tx, actor, "merchant.redirect_defaults", { type: "merchant", id: String(actor.merchantId) });
  });
  return { successUrl, failureUrl };
}
