import "#server-only";
import type { Tx } from "../db/client";
import { cardOrder, shippingOrder } from "./customer-query";

// Exactly one primary card and one primary address per customer (when it has
// any). `preferred` becomes primary; otherwise the current primary stays, and
// when there is none (it was deleted) the oldest one takes over.

/** Makes `preferred` (or the current, or else the oldest) card the only primary one. */
export async function settlePrimaryCard(tx: Tx, customerPk: number, preferred?: string): Promise<void> {
  const cards = await tx.card.findMany({
    where: { customerPk },
    select: { id: true, isPrimary: true },
    orderBy: cardOrder,
  });
  const chosen = preferred ?? cards.find((c) => c.isPrimary)?.id ?? cards[0]?.id;
  const wrong = cards.filter((c) => c.isPrimary !== (c.id === chosen)).map((c) => c.id);
  if (wrong.length === 0) return;
  await tx.card.updateMany({ where: { customerPk, id: { in: wrong, not: chosen } }, data: { isPrimary: false } });
  if (chosen && wrong.includes(chosen)) await tx.card.update({ where: { id: chosen }, data: { isPrimary: true } });
}

/** Makes `preferred` (or the current, or else the oldest) address the only primary one. */
export async function settlePrimaryShipping(tx: Tx, customerPk: number, preferred?: number): Promise<void> {
  const addresses = await tx.shippingAddress.findMany({
    where: { customerPk },
    select: { id: true, isPrimary: true },
    orderBy: shippingOrder,
  });
  const chosen = preferred ?? addresses.find((a) => a.isPrimary)?.id ?? addresses[0]?.id;
  const wrong = addresses.filter((a) => a.isPrimary !== (a.id === chosen)).map((a) => a.id);
  if (wrong.length === 0) return;
  await tx.shippingAddress.updateMany({ where: { customerPk, id: { in: wrong.filter((id) => id !== chosen) } }, data: { isPrimary: false } });
  if (chosen !== undefined && wrong.includes(chosen)) {
    await tx.shippingAddress.update({ where: { id: chosen }, data: { isPrimary: true } });
  }
}
