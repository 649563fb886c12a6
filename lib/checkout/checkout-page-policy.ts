import "server-only";
import { getDb } from "../db/client";
import { originOf } from "../security/content-security-policy";

/**
 * The origins the hosted page of a link may send the browser to after its
 * form post: those of the link's success_url and failure_url (the CSP's
 * form-action). None for an unknown link.
 */
export async function checkoutRedirectOrigins(checkoutId: string): Promise<string[]> {
  const row = await getDb().checkout.findUnique({ where: { id: checkoutId }, select: { successUrl: true, failureUrl: true } });
  if (!row) return [];
  return [originOf(row.successUrl), originOf(row.failureUrl)].filter((o): o is string => o !== null);
}
