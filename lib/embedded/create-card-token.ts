import "#server-only";
import { writeTransaction } from "../db/write-transaction";
import type { FieldErrors } from "../errors/api-error";
import type { StoreOutcome } from "../checkout/submit-card-form";
import type { AddBillingCardInput } from "../vault/schemas";
import { hashTransientKey } from "./transient-key";
import type { CardToken } from "./card-token-message";
import { storeCardToken } from "./card-token-row";
import { takeKeyForSubmit } from "./take-key";

/** The form's answer: the token, the form used up (or never usable), or a charge whose outcome is not known. */
export type TokenResult = { token: CardToken } | { unusable: true } | { pending: true };

/**
 * The embedded form's submit for a key made without an amount: seals the
 * card as a pending card whose id is a single-use token, and uses up the
 * transient key, in one transaction. The merchant's server attaches the
 * token to a customer with POST .../billing (lib/vault/claim-card-token.ts).
 * Failed submissions count against the key (used up at the link's limit)
 * and the client address, as on hosted links. A key made with an amount is
 * lib/embedded/pay-with-embedded-form.ts's: here it is unusable, so no
 * token ever comes from it unpaid.
 */
export async function createCardToken(
  transientKey: string,
  input: AddBillingCardInput,
  from: { clientAddress: string | null; requestId: string },
  rejected?: FieldErrors,
): Promise<StoreOutcome<TokenResult>> {
  const hash = hashTransientKey(transientKey);
  const now = new Date();
  return writeTransaction(async (tx): Promise<StoreOutcome<TokenResult>> => {
    const taken = await takeKeyForSubmit(tx, hash, input, { ...from, now, charging: false }, rejected);
    if (taken.kind !== "taken") return taken;
    return { kind: "done", value: { token: await storeCardToken(tx, taken.actor, taken.card, now) } };
  });
}
