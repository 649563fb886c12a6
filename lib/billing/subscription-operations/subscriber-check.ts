import { fieldError } from "../../errors/api-error";
import type { SubscriptionRow } from "./subscription-rows";

/** Pause, resume and cancel name the subscriber: a customer_id other than the subscription's is a 400. */
export function assertSubscriber(row: Pick<SubscriptionRow, "customerId">, customerId: string): void {
  if (row.customerId !== customerId) throw fieldError("customer_id", "is not this subscription's customer");
}
