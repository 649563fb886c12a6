import "#server-only";
import { dbProvider, type Tx } from "../db/client";
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
  if (dbProvider() === "postgres") {
    await tx.$queryRaw`SELECT "id" FROM "Merchant" WHERE "id" = ${merchantId} FOR NO KEY UPDATE`;
  }
  const user = await tx.user.findFirst({ where: { id: userId, merchantId }, select: { id: true, email: true, role: true } });
  if (!user) throw notFound("User");
  return user;
}

/** Refuses a change that would leave the merchant without an owner (call after lockMerchantUser). */
export async function assertAnotherOwner(tx: Tx, merchantId: bigint, userId: number): Promise<void> {
  const others = await tx.user.count({ where: { merchantId, role: "owner", id: { not: userId } } });
  if (others === 0) throw new ApiError("conflict", LAST_OWNER_MESSAGE);
}
