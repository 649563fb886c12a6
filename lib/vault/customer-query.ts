import "server-only";
import type { Db, Tx } from "../db/client";
import { notFound } from "../api/api-error";

// What every customer response needs, in one place: the columns to read
// (never the sealed number) and the order cards and addresses appear in.

export const cardSelect = {
  id: true,
  maskedNumber: true,
  cardType: true,
  expDate: true,
  firstName: true,
  lastName: true,
  firmName: true,
  emails: true,
  addr1: true,
  addr2: true,
  city: true,
  state: true,
  zip: true,
  zip4: true,
  country: true,
  countryCode: true,
  isPrimary: true,
  createdAt: true,
} as const;

export const shippingSelect = {
  id: true,
  firstName: true,
  lastName: true,
  firmName: true,
  addr1: true,
  addr2: true,
  city: true,
  state: true,
  zip: true,
  zip4: true,
  country: true,
  countryCode: true,
  isPrimary: true,
} as const;

/** Oldest first: the order cards were added in, and the order of promotion. */
export const cardOrder: { createdAt?: "asc"; id?: "asc" }[] = [{ createdAt: "asc" }, { id: "asc" }];
export const shippingOrder: { id: "asc" }[] = [{ id: "asc" }];

export const customerInclude = {
  cards: { select: cardSelect, orderBy: cardOrder },
  shippingAddresses: { select: shippingSelect, orderBy: shippingOrder },
};

type CardSelectKeys = keyof typeof cardSelect;
type ShippingSelectKeys = keyof typeof shippingSelect;
export type CardRow = Pick<NonNullable<Awaited<ReturnType<Db["card"]["findFirst"]>>>, CardSelectKeys>;
export type ShippingRow = Pick<NonNullable<Awaited<ReturnType<Db["shippingAddress"]["findFirst"]>>>, ShippingSelectKeys>;
export type CustomerRow = NonNullable<Awaited<ReturnType<Db["customer"]["findFirst"]>>>;
export type CustomerWithChildren = CustomerRow & { cards: CardRow[]; shippingAddresses: ShippingRow[] };

/** The merchant's customer with cards and addresses, or a 404. */
export async function getCustomerWithChildrenOrThrow(
  db: Db | Tx,
  merchantId: bigint,
  customerId: string,
): Promise<CustomerWithChildren> {
  const customer = await db.customer.findUnique({
    where: { merchantId_customerId: { merchantId, customerId } },
    include: customerInclude,
  });
  if (!customer) throw notFound("Customer");
  return customer;
}

/** The merchant's customer row (no children), or a 404. */
export async function getCustomerOrThrow(db: Db | Tx, merchantId: bigint, customerId: string): Promise<CustomerRow> {
  const customer = await db.customer.findUnique({ where: { merchantId_customerId: { merchantId, customerId } } });
  if (!customer) throw notFound("Customer");
  return customer;
}
