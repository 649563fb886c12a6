import "#server-only";
import type { Actor } from "../../audit/record-audit";
import type { Tx } from "../../db/client";
import { ApiError, fieldError, type FieldErrors } from "../../errors/api-error";
import { addCustomerIn } from "../../vault/add-customer";
import { getCustomerPkOrThrow } from "../../vault/customer-query";
import type { AddSubscriptionInput } from "./schemas";

// Who a new subscription bills, and with which card (docs/billing.md,
// "Subscriptions"): an existing customer named by customer_id, or one
// created from `customer` in the subscription's own transaction (or, with
// use_existing_customer, the existing customer that `customer.customer_id`
// names). The card is one of that customer's cards, or, without card_id,
// whichever card is the customer's primary one when a charge is made.

export type Subscriber = { customerPk: number; customerId: string; cardId: string | null };

/** The rules between customer_id, customer and use_existing_customer, noted in `errors`. */
export function subscriberProblems(input: AddSubscriptionInput, errors: FieldErrors): void {
  if (input.customer_id !== undefined && input.customer !== undefined) errors.customer_id = "send customer_id or customer, not both";
  if (input.customer_id === undefined && input.customer === undefined) errors.customer_id = "is required unless customer (a new customer) is sent";
  if (input.use_existing_customer === true && input.customer === undefined) errors.customer = "is required when use_existing_customer is true";
}

/**
 * Inside the subscription's transaction: the customer (locked, so its cards
 * cannot be deleted under the new subscription: lib/vault/card-usage.ts) and
 * the card. A customer_id the merchant does not have, a card_id that is not
 * one of the customer's cards, or a customer without any card is a 400; a
 * new customer whose customer_id is taken is a 409.
 */
export async function resolveSubscriber(tx: Tx, actor: Actor, input: AddSubscriptionInput): Promise<Subscriber> {
  const { pk, customerId, field } = await subscriberCustomer(tx, actor, input);
  if (input.card_id !== undefined) {
    const card = await tx.card.findFirst({ where: { id: input.card_id, customerPk: pk }, select: { id: true } });
    if (!card) throw fieldError("card_id", "is not a card of this customer");
    return { customerPk: pk, customerId, cardId: card.id };
  }
  const cards = await tx.card.count({ where: { customerPk: pk } });
  if (cards === 0) throw fieldError(field, "the customer has no card to charge: add one first, or send card_id");
  return { customerPk: pk, customerId, cardId: null };
}

async function subscriberCustomer(tx: Tx, actor: Actor, input: AddSubscriptionInput): Promise<{ pk: number; customerId: string; field: string }> {
  if (input.customer_id !== undefined) {
    const pk = await existingCustomer(tx, actor.merchantId, input.customer_id);
    if (pk === null) throw fieldError("customer_id", "no customer of the merchant has this customer_id");
    return { pk, customerId: input.customer_id, field: "customer_id" };
  }
  const customer = input.customer!;
  if (input.use_existing_customer === true && customer.customer_id !== undefined) {
    const pk = await existingCustomer(tx, actor.merchantId, customer.customer_id);
    if (pk !== null) return { pk, customerId: customer.customer_id, field: "customer.customer_id" };
  }
  try {
    const added = await addCustomerIn(tx, actor, customer);
    return { pk: added.pk, customerId: added.customerId, field: "customer.billing_cards" };
  } catch (error) {
    // The vault names a card's fields from the customer (billing_cards[0].exp_date); here they are inside `customer`.
    if (error instanceof ApiError && error.kind === "validation" && error.fields) {
      throw new ApiError(
        "validation",
        error.message,
        Object.fromEntries(Object.entries(error.fields).map(([field, problem]) => [`customer.${field}`, problem])),
      );
    }
    throw error;
  }
}

/** The merchant's customer's key, locked (PostgreSQL), or null when there is none. */
async function existingCustomer(tx: Tx, merchantId: bigint, customerId: string): Promise<number | null> {
  try {
    return await getCustomerPkOrThrow(tx, merchantId, customerId);
  } catch (error) {
    if (error instanceof ApiError && error.kind === "not_found") return null;
    throw error;
  }
}
