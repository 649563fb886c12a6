import { CUSTOMER_SORTS, type CustomerSort } from "@/lib/vault/search-customers";

// The customer list's state lives in its URL (q, sort, direction, page), so
// back and forward, reloads and shared links all show the same list.

export type ListQuery = { q: string; sort: CustomerSort; direction: "asc" | "desc"; page: number };

type Params = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** Newest first by default; names, emails and ids read naturally A to Z. */
export const defaultDirection = (sort: CustomerSort): "asc" | "desc" => (sort === "created" ? "desc" : "asc");

/** The list's state from the URL; anything malformed falls back to the default. */
export function readListQuery(params: Params): ListQuery {
  const sortParam = first(params.sort);
  const sort = (CUSTOMER_SORTS as readonly string[]).includes(sortParam) ? (sortParam as CustomerSort) : "created";
  const directionParam = first(params.direction);
  const direction = directionParam === "asc" || directionParam === "desc" ? directionParam : defaultDirection(sort);
  const page = Number(first(params.page));
  return {
    q: first(params.q).slice(0, 200),
    sort,
    direction,
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
  };
}

/** The list's URL for a state; defaults are left out so URLs stay short. */
export function listHref(query: ListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort !== "created") params.set("sort", query.sort);
  if (query.direction !== defaultDirection(query.sort)) params.set("direction", query.direction);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/portal/customers?${search}` : "/portal/customers";
}
