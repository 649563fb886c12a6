import "#server-only";
import type { Db, Tx } from "../db/client";
import { queryRows } from "../db/direct-sql";
import { forUpdate } from "../db/locks";
import { Prisma } from "../db/sql";
import type { PreparedCard } from "../vault/prepare-card";
import type { CheckoutRow } from "./checkout-row";

// The reads a hosted submit makes, shared by its two ways of storing: the
// common case straight on the driver (store-card-directly.ts, `db` the
// client: queryRows then runs them direct) and the locked transaction
// (capture-card.ts, `db` the transaction).

export type CheckoutForCapture = Pick<
  CheckoutRow,
  | "id"
  | "merchantId"
  | "cardId"
  | "successUrl"
  | "failureUrl"
  | "expiresAt"
  | "state"
  | "failedAttempts"
  | "resultCardId"
  | "amountMinor"
  | "currency"
  | "purchaseId"
  | "merchRefNum"
> & { customerPk: number; customerId: string; spentBySession: string | null; requestType: string };

/** The link as a submit needs it; inside a transaction its row is locked, so two submits take turns. */
export async function readCheckoutForCapture(db: Db | Tx, checkoutId: string, lock: boolean): Promise<CheckoutForCapture | null> {
  const [row] = await queryRows<CheckoutForCapture>(
    db,
    Prisma.sql`
    SELECT k."id", k."merchantId", k."customerPk", c."customerId", k."cardId", k."successUrl", k."failureUrl",
           k."expiresAt", k."state", k."failedAttempts", k."resultCardId", k."spentBySession",
           k."amountMinor", k."currency", k."requestType", k."purchaseId", k."merchRefNum"
    FROM "Checkout" k JOIN "Customer" c ON c."id" = k."customerPk"
    WHERE k."id" = ${checkoutId} ${lock ? forUpdate({ of: "k" }) : Prisma.empty}`,
  );
  return row ?? null;
}

/** The customer's other card with this number, if it has one (the unique index still guards against a race). */
export async function otherCardWithNumber(db: Db | Tx, customerPk: number, card: PreparedCard): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    db,
    Prisma.sql`SELECT "id" FROM "Card" WHERE "customerPk" = ${customerPk} AND "fingerprint" = ${card.fingerprint} AND "id" <> ${card.id}`,
  );
  return row?.id ?? null;
}
