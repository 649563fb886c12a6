import "#server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import { parseOptions } from "../errors/parse-options";
import { pageFields } from "../paging/page-options";
import { CustomerIdSchema } from "../vault/schemas";
import { formatAmount } from "../payments/format-amount";
import { checkoutLink, checkoutSelect, checkoutState, isPaymentLink } from "./checkout-row";
import type { CheckoutState } from "./schemas";

const ListCheckoutsSchema = z.object({
  merchantId: z.bigint(),
  customerId: CustomerIdSchema.optional(),
  ...pageFields(25),
});
export type ListCheckoutsOptions = z.input<typeof ListCheckoutsSchema>;

export type CheckoutListRow = {
  checkoutId: string;
  customerId: string;
  /** The card an update link replaces; null for a link that adds a card. */
  cardId: string | null;
  state: CheckoutState;
  failedAttempts: number;
  createdAt: Date;
  expiresAt: Date;
  spentAt: Date | null;
  lockedAt: Date | null;
  /** The card stored or updated when the link was spent. */
  resultCardId: string | null;
  /** A payment link's amount as the customer reads it ("$25.00"); null for a card-capture link. */
  amount: string | null;
  link: string;
};

export type CheckoutListPage = { rows: CheckoutListRow[]; total: number; page: number; pageSize: number };

/** One page of the merchant's checkout links, newest first, optionally one customer's; states as the API reports them. */
export async function listCheckouts(options: ListCheckoutsOptions): Promise<CheckoutListPage> {
  const { merchantId, customerId, page, pageSize } = parseOptions(ListCheckoutsSchema, options);
  const where = { merchantId, ...(customerId !== undefined ? { customer: { customerId } } : {}) };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.checkout.count({ where }),
    db.checkout.findMany({
      where,
      select: checkoutSelect,
      // Ids are random, so they only make the order of equal times stable.
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  const now = new Date();
  return {
    rows: rows.map((row) => ({
      checkoutId: row.id,
      customerId: row.customer.customerId,
      cardId: row.cardId,
      state: checkoutState(row, now),
      failedAttempts: row.failedAttempts,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      spentAt: row.spentAt,
      lockedAt: row.lockedAt,
      resultCardId: row.resultCardId,
      amount: isPaymentLink(row) ? formatAmount(Number(row.amountMinor), row.currency) : null,
      link: checkoutLink(row.id),
    })),
    total,
    page,
    pageSize,
  };
}
