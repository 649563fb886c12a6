import "#server-only";
import type { Tx } from "../db/client";
import { lockRows } from "../db/locks";
import { Prisma } from "../db/sql";
import { ApiError, notFound } from "../errors/api-error";

export const LAST_OWNER_MESSAGE = "A merchant must keep at least one owner: make another user owner first";

/**
 * Inside a user-changing transaction: takes the merchant's turn, then reads
 * the user (404 unless it is the merchant's). On PostgreSQL the merchant row
 * is locked (FOR NO KEY UPDATE, which does not hold up inserts referencing
 * the merchant), so two changes to one merchant's users take turns and the
 * owner count each reads is current: otherwise two owners demoting each other
 * at once would each see the other still owner. SQLite runs one writing
 * transaction at a time already.
 */
export async function lockMerchantUser(tx: Tx, merchantId: bigint, userId: number) {
  await lockRows(tx, "Merchant", Prisma.sql`"id" = ${merchantId}`, "no key update");
  const user = await tx.user.findFirst({ where: { id: userId, merchantId }, select: { id: true, email: true, role: true } });
  if (!user) throw notFound("User");
  return user;
}

/** Refuses a change that would leave the merchant without an owner (call after lockMerchantUser). */
export async function assertAnotherOwner(tx: Tx, merchantId: bigint, userId: number): Promise<void> {
  const others = await tx.user.count({ where: { merchantId, role: "owner", id: { not: userId } } });
  if (others === 0) throw new ApiError("conflict", LAST_OWNER_MESSAGE);
}
