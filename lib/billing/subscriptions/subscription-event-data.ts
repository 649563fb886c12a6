import { majorUnitsIn } from "../../payments/amount";
import { formatDay } from "../utc-date";

// The "data" of the subscription events (docs/billing.md, "Events"): the
// subscription's ids and, for a payment, the gateway's pg_id and rcode.
// Never a card number: the card is named by its card_id.

export type SubscriptionForEvent = {
  id: number;
  customerId: string;
  cardId: string | null;
  planId: number | null;
  planCode: string | null;
  status: string;
  currency: number;
};

export type ChargeForEvent = { pgId: string; rcode: string; rmsg: string; amountMinor: bigint; seq: number; cycleDay: number };

export function subscriptionEventData(subscription: SubscriptionForEvent, charge?: ChargeForEvent): Record<string, unknown> {
  return {
    subscription_id: subscription.id,
    customer_id: subscription.customerId,
    card_id: subscription.cardId,
    plan_id: subscription.planId ?? 0,
    plan_code: subscription.planCode,
    status: subscription.status,
    ...(charge
      ? {
          pg_id: charge.pgId,
          rcode: charge.rcode,
          rmsg: charge.rmsg,
          amt_tran: majorUnitsIn(charge.amountMinor, subscription.currency),
          tran_currency: String(subscription.currency).padStart(3, "0"),
          // The cycle the charge billed: -1 the setup fee, 0 a prorated first payment, then 1, 2, ...
          cycle: charge.seq,
          cycle_date: formatDay(charge.cycleDay),
        }
      : {}),
  };
}
