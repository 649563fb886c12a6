import "#server-only";
import { getDb } from "../db/client";
import { writeTransaction } from "../db/write-transaction";
import { recordAudit, type Actor } from "../audit/record-audit";
import { BrandingSchema, type BrandingInput } from "./schemas";

// A merchant's hosted-page branding: the name the customer sees, a logo
// (stored as a data: URL) and a primary colour. Set with `npm run vault -- merchant brand` or in the
// portal (Settings, Branding); a null clears a value.

export type Branding = { displayName: string; logoUrl: string | null; primaryColor: string | null };

/** Changes the given branding fields (after validation) and records it in the audit log. */
export async function setBranding(actor: Actor, input: BrandingInput): Promise<Branding> {
  const parsed = BrandingSchema.parse(input);
  const data = {
    ...(parsed.displayName !== undefined ? { brandDisplayName: parsed.displayName } : {}),
    ...(parsed.logoUrl !== undefined ? { brandLogoUrl: parsed.logoUrl } : {}),
    ...(parsed.primaryColor !== undefined ? { brandPrimaryColor: parsed.primaryColor } : {}),
  };
  await writeTransaction(async (tx) => {
    await tx.merchant.update({ where: { id: actor.merchantId }, data });
    await recordAudit(tx, actor, "merchant.brand", { type: "merchant", id: String(actor.merchantId) });
  });
  return getBranding(actor.merchantId);
}

/** The merchant columns branding is read from (select them, then toBranding). */
export const brandingSelect = { name: true, brandDisplayName: true, brandLogoUrl: true, brandPrimaryColor: true } as const;

type BrandingColumns = { name: string; brandDisplayName: string | null; brandLogoUrl: string | null; brandPrimaryColor: string | null };

/** The branding the hosted page shows; the merchant's name stands in for a missing display name. */
export function toBranding(merchant: BrandingColumns): Branding {
  return {
    displayName: merchant.brandDisplayName ?? merchant.name,
    logoUrl: merchant.brandLogoUrl,
    primaryColor: merchant.brandPrimaryColor,
  };
}

export async function getBranding(merchantId: bigint): Promise<Branding> {
  return toBranding(await getDb().merchant.findUniqueOrThrow({ where: { id: merchantId }, select: brandingSelect }));
}
