import "#server-only";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { toBranding, type Branding } from "../merchants/branding";
import { originOf } from "../security/content-security-policy";
import type { Money } from "../payments/format-amount";
import { checkoutState } from "./checkout-row";
import { DEFAULT_COUNTRY } from "./billing-country";
import type { CheckoutState } from "./schemas";

export type HostedCheckout = {
  checkoutId: string;
  state: CheckoutState;
  /** The merchant cancelled it: its state reads expired (the redirect's reason too), and its page says it was cancelled. */
  cancelled: boolean;
  merchantId: bigint;
  failureUrl: string | null;
  /** Where the page's form post may send the browser (its CSP form-action): the success and failure URLs' origins. */
  redirectOrigins: string[];
  branding: Branding;
  /** Prefill for the cardholder name. */
  customerName: string;
  isUpdate: boolean;
  /** A payment link's amount (the page formats it in its language); null for a card-capture link. */
  amount: Money | null;
  /** The link's own language (preferences.locale), or null to follow the browser. */
  locale: string | null;
  /** The country select's starting choice. */
  country: string;
  askAddress: boolean;
};

type HostedRow = {
  id: string;
  merchantId: bigint;
  state: string;
  expiresAt: Date;
  successUrl: string | null;
  failureUrl: string | null;
  cardId: string | null;
  amountMinor: bigint | number;
  currency: number;
  locale: string | null;
  country: string | null;
  askAddress: boolean | number;
  firstName: string | null;
  lastName: string | null;
  name: string;
  brandDisplayName: string | null;
  brandLogoUrl: string | null;
  brandPrimaryColor: string | null;
};

/**
 * What the hosted page shows for a link, or null for an unknown one. Public:
 * the link id is the credential. Read straight on the driver (decision 004):
 * every load of the page and every submit reads it.
 */
export async function getHostedCheckout(checkoutId: string): Promise<HostedCheckout | null> {
  const [row] = await directQuery<HostedRow>(Prisma.sql`
    SELECT k."id", k."merchantId", k."state", k."expiresAt", k."successUrl", k."failureUrl", k."cardId", k."amountMinor", k."currency", k."locale", k."country", k."askAddress",
           c."firstName", c."lastName", m."name", m."brandDisplayName", m."brandLogoUrl", m."brandPrimaryColor"
    FROM "Checkout" k
    JOIN "Customer" c ON c."id" = k."customerPk"
    JOIN "Merchant" m ON m."id" = k."merchantId"
    WHERE k."id" = ${checkoutId}`);
  if (!row) return null;
  return {
    checkoutId: row.id,
    merchantId: row.merchantId,
    state: checkoutState(row),
    cancelled: row.state === "cancelled",
    failureUrl: row.failureUrl,
    redirectOrigins: [originOf(row.successUrl), originOf(row.failureUrl)].filter((o): o is string => o !== null),
    branding: toBranding(row),
    customerName: [row.firstName, row.lastName].filter(Boolean).join(" "),
    isUpdate: row.cardId !== null,
    amount: Number(row.amountMinor) > 0 ? { minor: Number(row.amountMinor), currency: row.currency } : null,
    locale: row.locale,
    country: row.country ?? DEFAULT_COUNTRY,
    // SQLite hands a boolean column to raw SQL as 0 or 1.
    askAddress: Boolean(row.askAddress),
  };
}
