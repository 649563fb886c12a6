import "#server-only";
import { getDb } from "../db/client";
import { brandingSelect, toBranding, type Branding } from "../merchants/branding";
import type { Money } from "../payments/format-amount";
import { spentByFormToken } from "./capture-card";
import { isPaymentLink } from "./checkout-row";
import { CARD_BRAND_LABELS, cardBrandOf } from "./card-brand";

export type CheckoutReceipt = {
  checkoutId: string;
  branding: Branding;
  /** The card saved or charged, as its brand and last four digits only ("Visa", "4242"); null if it is gone. */
  card: { brand: string; lastFour: string } | null;
  /** A payment link's approved amount (the page formats it in its language); null for a card-capture link. */
  paid: Money | null;
  /** Whether the link has a success_url to go back to (merchant-return-url.ts signs the way there). */
  hasSuccessUrl: boolean;
  /** The link's own language (preferences.locale), or null to follow the browser. */
  locale: string | null;
};

/**
 * Brand and last four of a masked number (first six, x's, last four): never
 * more of it. The brand is named from the first six as the form named it
 * (Diners Club, not the API's Discover code), else by the stored card type.
 */
function cardSummary(row: { cardType: string | null; maskedNumber: string | null } | null): CheckoutReceipt["card"] {
  if (!row?.maskedNumber || !row.cardType) return null;
  const brand = cardBrandOf(row.maskedNumber.slice(0, 6));
  return { brand: brand ? CARD_BRAND_LABELS[brand] : row.cardType, lastFour: row.maskedNumber.slice(-4) };
}

/**
 * What the "done" page shows: the merchant's branding and the card that
 * spent the link, to the page session that spent it (its form token) and to
 * no one else: null for an unknown, unspent or anyone else's link. The card
 * and the payment are read within the link's own merchant and customer.
 */
export async function getCheckoutReceipt(checkoutId: string, formToken: string | null): Promise<CheckoutReceipt | null> {
  const db = getDb();
  const link = await db.checkout.findUnique({
    where: { id: checkoutId },
    select: {
      id: true,
      merchantId: true,
      customerPk: true,
      state: true,
      successUrl: true,
      resultCardId: true,
      spentBySession: true,
      amountMinor: true,
      locale: true,
      merchant: { select: brandingSelect },
    },
  });
  if (!link || !spentByFormToken(link, formToken)) return null;
  const base = { checkoutId: link.id, branding: toBranding(link.merchant), hasSuccessUrl: link.successUrl !== null, locale: link.locale };
  if (isPaymentLink(link)) {
    // The charge that paid it (voided since or not): the card it charged and what was approved.
    const payment = await db.transaction.findFirst({
      where: { checkoutId: link.id, merchantId: link.merchantId, status: { in: ["A", "C", "V"] } },
      select: { approvedMinor: true, currency: true, cardType: true, maskedNumber: true },
    });
    return { ...base, card: cardSummary(payment), paid: payment ? { minor: Number(payment.approvedMinor), currency: payment.currency } : null };
  }
  const card = link.resultCardId
    ? await db.card.findFirst({
        where: { id: link.resultCardId, merchantId: link.merchantId, customerPk: link.customerPk },
        select: { cardType: true, maskedNumber: true },
      })
    : null;
  return { ...base, card: cardSummary(card), paid: null };
}
