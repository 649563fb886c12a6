import "#server-only";
import type { Tx } from "../db/client";
import { notFound } from "../errors/api-error";

// shipping_id is "up to 10 digits" in the reference, the column a 32-bit
// integer: a well-formed id past its range cannot exist, so it is a 404.
const MAX_SHIPPING_ID = 2_147_483_647;

/** The customer's shipping address, or a 404. */
export async function getShippingOrThrow(tx: Tx, customerPk: number, shippingId: number) {
  if (shippingId > MAX_SHIPPING_ID) throw notFound("Shipping address");
  const address = await tx.shippingAddress.findFirst({ where: { id: shippingId, customerPk }, select: { id: true } });
  if (!address) throw notFound("Shipping address");
  return address;
}
