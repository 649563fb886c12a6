import "server-only";
import type { Tx } from "../db/client";
import { notFound } from "../api/api-error";

/** The customer's shipping address, or a 404. */
export async function getShippingOrThrow(tx: Tx, customerPk: number, shippingId: number) {
  const address = await tx.shippingAddress.findFirst({ where: { id: shippingId, customerPk }, select: { id: true } });
  if (!address) throw notFound("Shipping address");
  return address;
}
