import "#server-only";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import { brandingSelect, toBranding, type Branding } from "../merchants/branding";
import type { Money } from "../payments/format-amount";
import { hashTransientKey } from "./transient-key";

export type EmbeddedForm = {
  merchantId: bigint;
  /** Who may frame the form and receive its token (the merchant's registered origins). */
  origins: string[];
  branding: Branding;
  usable: boolean;
  /** A key made with an amount: what its form charges (the page formats it in its language); null for a token-only key. */
  amount: Money | null;
  /** Its charge's outcome is not known (the connector did not answer): the page asks not to pay again. */
  pending: boolean;
  /** Made with compact=true: the page shows no logo or heading (the merchant's page has its own). */
  compact: boolean;
};

export const TRANSIENT_KEY_PATTERN = /^[0-9a-f]{32}$/;

/** What the embedded card page shows for a transient key, or null for an unknown one. Public: the key is the credential. */
export async function getEmbeddedForm(transientKey: string, now = new Date()): Promise<EmbeddedForm | null> {
  if (!TRANSIENT_KEY_PATTERN.test(transientKey)) return null;
  const row = await getDb().transientKey.findUnique({
    where: { hash: hashTransientKey(transientKey) },
    select: { merchantId: true, expiresAt: true, usedAt: true, forPortal: true, amountMinor: true, currency: true, pgId: true, compact: true },
  });
  if (!row) return null;
  // Only a used key with a charge can be waiting on one; the transaction says whether it is.
  const charge =
    row.usedAt !== null && row.pgId !== null
      ? await getDb().transaction.findUnique({ where: { pgId: row.pgId }, select: { status: true, merchantId: true } })
      : null;
  const merchant = await getDb().merchant.findUniqueOrThrow({
    where: { id: row.merchantId },
    select: { ...brandingSelect, origins: { select: { origin: true }, orderBy: { origin: "asc" } } },
  });
  return {
    merchantId: row.merchantId,
    // A key the portal made for its own page (a user adding a card to a
    // customer) is framed by the vault itself, and its token goes back only
    // to the vault's origin: the merchant need not register the vault's
    // origin, and the portal's key is useless on the merchant's pages (and
    // the API's keys on the portal's). Decided by the key's row, never by
    // anything the browser sends.
    origins: row.forPortal ? [new URL(getEnv().PUBLIC_BASE_URL).origin] : merchant.origins.map((o) => o.origin),
    branding: toBranding(merchant),
    usable: row.usedAt === null && row.expiresAt > now,
    amount: row.amountMinor !== null && row.currency !== null ? { minor: Number(row.amountMinor), currency: row.currency } : null,
    pending: charge !== null && charge.merchantId === row.merchantId && charge.status === "F",
    compact: row.compact,
  };
}
