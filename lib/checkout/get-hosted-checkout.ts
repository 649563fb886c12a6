import "#server-only";
import { getDb } from "../db/client";
import { brandingSelect, toBranding, type Branding } from "../merchants/branding";
import { originOf } from "../security/content-security-policy";
import { checkoutState } from "./checkout-row";
import type { CheckoutState } from "./schemas";

export type HostedCheckout = {
  checkoutId: string;
  state: CheckoutState;
  merchantId: bigint;
  failureUrl: string | null;
  /** Where the page's form post may send the browser (its CSP form-action): the success and failure URLs' origins. */
  redirectOrigins: string[];
  branding: Branding;
  /** Prefill for the cardholder name. */
  customerName: string;
  isUpdate: boolean;
};

/** What the hosted page shows for a link, or null for an unknown one. Public: the link id is the credential. */
export async function getHostedCheckout(checkoutId: string): Promise<HostedCheckout | null> {
  const row = await getDb().checkout.findUnique({
    where: { id: checkoutId },
    select: {
      id: true,
      merchantId: true,
      state: true,
      expiresAt: true,
      successUrl: true,
      failureUrl: true,
      cardId: true,
      customer: { select: { firstName: true, lastName: true } },
      merchant: { select: brandingSelect },
    },
  });
  if (!row) return null;
  return {
    checkoutId: row.id,
    merchantId: row.merchantId,
    state: checkoutState(row),
    failureUrl: row.failureUrl,
    redirectOrigins: [originOf(row.successUrl), originOf(row.failureUrl)].filter((o): o is string => o !== null),
    branding: toBranding(row.merchant),
    customerName: [row.customer.firstName, row.customer.lastName].filter(Boolean).join(" "),
    isUpdate: row.cardId !== null,
  };
}
