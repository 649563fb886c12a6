// The Transactions page's filters as they travel in its URL, so a filtered
// view can be bookmarked and shared. Dates are whole UTC days, both ends
// included (day-range.ts); an unknown status or type is ignored, as a link
// from an older page may carry one.
import { TRANSACTION_STATUSES, TRANSACTION_TYPES, type ListTransactionsOptions } from "../payments/list-transactions";
import { parseDayRange } from "./day-range";

export type TransactionFilterValues = { q: string; status: string; type: string; from: string; to: string };

export type TransactionFilter = {
  values: TransactionFilterValues;
  filter: Pick<ListTransactionsOptions, "search" | "status" | "type" | "from" | "to">;
  errors: Partial<Record<keyof TransactionFilterValues, string>>;
};

const FIELDS = ["q", "status", "type", "from", "to"] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export function parseTransactionFilter(query: Record<string, string | string[] | undefined>): TransactionFilter {
  const get = (name: string) => (typeof query[name] === "string" ? query[name] : "").trim().slice(0, 128);
  const values = Object.fromEntries(FIELDS.map((f) => [f, get(f)])) as TransactionFilterValues;
  const range = parseDayRange(values.from, values.to);
  const filter: TransactionFilter["filter"] = {
    ...(values.q ? { search: values.q } : {}),
    ...(isOneOf(TRANSACTION_STATUSES, values.status) ? { status: values.status } : {}),
    ...(isOneOf(TRANSACTION_TYPES, values.type) ? { type: values.type } : {}),
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
  };
  return { values, filter, errors: range.errors };
}
