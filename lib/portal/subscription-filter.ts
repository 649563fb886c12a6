// The Subscriptions page's filters as they travel in its URL, so a filtered
// view can be bookmarked and shared. An unknown status is ignored, as a link
// from an older page may carry one.
import type { ListSubscriptionsOptions } from "../billing/subscription-operations/list-subscriptions";
import { SUBSCRIPTION_STATUSES } from "../billing/subscription-operations/schemas";

export type SubscriptionFilterValues = { q: string; status: string };

export type SubscriptionFilter = {
  values: SubscriptionFilterValues;
  filter: Pick<ListSubscriptionsOptions, "search" | "status">;
};

const isStatus = (value: string): value is (typeof SUBSCRIPTION_STATUSES)[number] => (SUBSCRIPTION_STATUSES as readonly string[]).includes(value);

export function parseSubscriptionFilter(query: Record<string, string | string[] | undefined>): SubscriptionFilter {
  const get = (name: string) => (typeof query[name] === "string" ? query[name] : "").trim().slice(0, 128);
  const values: SubscriptionFilterValues = { q: get("q"), status: get("status") };
  return {
    values,
    filter: {
      ...(values.q ? { search: values.q } : {}),
      ...(isStatus(values.status) ? { status: values.status } : {}),
    },
  };
}
