import "#server-only";
import { directQuery } from "../db/direct-sql";
import { Prisma } from "../db/sql";
import { openSealed } from "../crypto/open-sealed";
import { signingSecretAad } from "../merchants/create-merchant";
import { signedRedirectUrl } from "./redirect-signature";

// The two ways a hosted page sends the browser back to the merchant, both
// signed with the merchant's signing secret (README: "The redirect").

// Read straight on the driver (docs/decisions/004): every hosted submit signs one.
async function signingSecret(merchantId: bigint): Promise<string> {
  const [merchant] = await directQuery<{ signingSecretSealed: Uint8Array }>(
    Prisma.sql`SELECT "signingSecretSealed" FROM "Merchant" WHERE "id" = ${merchantId}`,
  );
  if (!merchant) throw new Error(`No merchant ${merchantId} for a link's redirect`);
  return openSealed(merchant.signingSecretSealed, signingSecretAad(merchantId));
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** success_url with checkout_id, customer_id, card_id, timestamp and signature; a paid link adds pg_id and amt_tran. */
export async function successRedirect(
  link: { merchantId: bigint; id: string; successUrl: string; customerId: string },
  cardId: string,
  payment: Record<string, string> = {},
): Promise<string> {
  const added = { checkout_id: link.id, customer_id: link.customerId, card_id: cardId, ...payment, timestamp: nowSeconds() };
  return signedRedirectUrl(link.successUrl, added, await signingSecret(link.merchantId)).toString();
}

/** failure_url with checkout_id, reason, timestamp and signature. */
export async function failureRedirect(link: { merchantId: bigint; id: string; failureUrl: string }, reason: string): Promise<string> {
  const added = { checkout_id: link.id, reason, timestamp: nowSeconds() };
  return signedRedirectUrl(link.failureUrl, added, await signingSecret(link.merchantId)).toString();
}
