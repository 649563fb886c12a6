import "#server-only";
import { getDb } from "../db/client";
import { readCheckoutForCapture } from "./capture-reads";
import { spentByFormToken } from "./capture-card";
import { isPaymentLink } from "./checkout-row";
import { paidLinkRedirect } from "./pay-checkout";
import { successRedirect } from "./signed-redirects";

/**
 * The done page's "Back to the merchant": the link's success redirect,
 * signed now (so its timestamp is fresh when the customer clicks), as the
 * session that spent the link gets it on a re-post. Null for anyone else,
 * and for a link without a success_url.
 */
export async function merchantReturnUrl(checkoutId: string, formToken: string | null): Promise<string | null> {
  const checkout = await readCheckoutForCapture(getDb(), checkoutId, false);
  if (!checkout || !spentByFormToken(checkout, formToken)) return null;
  const { successUrl, resultCardId } = checkout;
  if (!successUrl || !resultCardId) return null;
  return isPaymentLink(checkout) ? paidLinkRedirect(checkout) : successRedirect({ ...checkout, successUrl }, resultCardId);
}
