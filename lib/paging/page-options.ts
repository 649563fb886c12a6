import { z } from "zod";

// Paging for the portal's lists: pages count from 1, as the portal's URLs
// show them. A page size over the maximum is capped, not refused, as the
// API's browse operations do (./browse-query.ts).
export const MAX_PAGE_SIZE = 100;

/** page (from 1) and pageSize (1..100, larger capped), from numbers or the strings of a query. */
export function pageFields(defaultPageSize = 25) {
  return {
    page: z.coerce.number({ error: "must be an integer" }).int("must be an integer").min(1, "must be at least 1").max(1_000_000_000).default(1),
    pageSize: z.coerce
      .number({ error: "must be an integer" })
      .int("must be an integer")
      .min(1, "must be at least 1")
      .transform((n) => Math.min(n, MAX_PAGE_SIZE))
      .default(defaultPageSize),
  };
}
