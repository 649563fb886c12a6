// Subscriptions for the billing run's tests, written straight to the
// database as the subscriptions API stores them (terms copied onto the row,
// the cursor from lib/billing/subscriptions/subscription-cursor.ts), so the
// run's tests do not depend on the API's request rules.
import type { Actor } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { firstCursor, type SubscriptionTerms } from "@/lib/billing/subscriptions/subscription-cursor";
import { FREQUENCY } from "@/lib/billing/schedule";
import { addCustomer } from "@/lib/vault/add-customer";
import { futureExpiry, uniqueCustomerId } from "./fixtures";

export type Subscriber = { customerId: string; customerPk: number; cardIds: string[] };

/** A customer with one card per number (the first is primary). */
export async function newSubscriber(actor: Actor, cardNumbers: string[] = ["4111111111111111"]): Promise<Subscriber> {
  const created = await addCustomer(actor, {
    customer_id: uniqueCustomerId("S"),
    customer_first_name: "Sam",
    customer_last_name: "Payer",
    billing_cards: cardNumbers.map((card_number) => ({ card_number, exp_date: futureExpiry(6), billing_zip: "12345" })),
  });
  const row = await getDb().customer.findFirstOrThrow({ where: { merchantId: actor.merchantId, customerId: created.customer_id } });
  return { customerId: created.customer_id, customerPk: row.id, cardIds: (created.billing_cards ?? []).map((card) => card.card_id) };
}

export type TestTerms = Partial<SubscriptionTerms> & { dateStart: string; amountMinor: bigint; setupMinor?: bigint };

/** A subscription as the API would store it: monthly, 12 cycles and USD unless told otherwise. */
export async function insertSubscription(
  actor: Actor,
  subscriber: Subscriber,
  terms: TestTerms,
  options: { cardId?: string | null; currency?: number } = {},
): Promise<number> {
  const full: SubscriptionTerms = {
    frequency: FREQUENCY.monthly,
    interval: 1,
    duration: 12,
    trialDuration: 0,
    trialMinor: 0n,
    billSpecificDay: false,
    dayOfWeek: null,
    dayOfMonth: null,
    month: null,
    prorateFirstPayment: false,
    prorateMinor: null,
    ...terms,
  };
  const cursor = firstCursor(full);
  const row = await getDb().billingSubscription.create({
    data: {
      merchantId: actor.merchantId,
      customerId: subscriber.customerId,
      customerPk: subscriber.customerPk,
      cardId: options.cardId === undefined ? (subscriber.cardIds[0] ?? null) : options.cardId,
      currency: options.currency ?? 840,
      ...full,
      nextSeq: cursor.nextSeq,
      dueDay: cursor.dueDay,
    },
  });
  return row.id;
}
