import "#server-only";
import { z } from "zod";
import { getDb } from "../db/client";
import { parseOptions } from "../errors/parse-options";
import { pageFields } from "../paging/page-options";
import { CustomerIdSchema } from "../vault/schemas";
import { formatAmount } from "../payments/format-amount";
import { checkoutLink, checkoutSelect, isPaymentLink, linkState } from "./checkout-row";
import { LINK_STATES, type LinkState } from "./schemas";

const ListCheckoutsSchema = z.object({
  merchantId: z.bigint(),
  customerId: CustomerIdSchema.optional(),
  /** Only links in this state, as the merchant sees it (linkState). */
  state: z.enum(LINK_STATES, { error: "must be a link state" }).optional(),
  ...pageFields(25),
});
export type ListCheckoutsOptions = z.input<typeof ListCheckoutsSchema>;

export type CheckoutListRow = {
  checkoutId: string;
  customerId: string;
  /** The card an update link replaces; null for a link that adds a card. */
  cardId: string | null;
  state: LinkState;
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

/** One page of the merchant's checkout links, newest first, optionally one customer's or in one state; states as the API reports them. */
export async function listCheckouts(options: ListCheckoutsOptions): Promise<CheckoutListPage> {
  const { merchantId, customerId, state, page, pageSize } = parseOptions(ListCheckoutsSchema, options);
  const now = new Date();
  const where = { merchantId, ...(customerId !== undefined ? { customer: { customerId } } : {}), ...(state ? stateWhere(state, now) : {}) };
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
  return {
    rows: rows.map((row) => ({
      checkoutId: row.id,
      customerId: row.customer.customerId,
      cardId: row.cardId,
      state: linkState(row, now),
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

/**
 * The rows linkState reads as `state`: an open link past its expiry is
 * expired whether or not housekeeping has written that down yet
 * (lib/housekeeping/expire-checkout-links.ts).
 */
function stateWhere(state: LinkState, now: Date) {
  if (state === "open") return { state: "open", expiresAt: { gt: now } };
  if (state === "expired") return { OR: [{ state: "expired" }, { state: "open", expiresAt: { lte: now } }] };
  return { state };
}
