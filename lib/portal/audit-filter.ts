// The audit log page's filters as they travel in its URL (so a filtered
// view can be bookmarked, shared, and exported as CSV with the same
// query). Dates are whole UTC days, both ends included (day-range.ts).
import { parseDayRange } from "./day-range";

export type AuditFilterValues = { actor: string; action: string; targetType: string; targetId: string; from: string; to: string };

export type AuditFilter = {
  values: AuditFilterValues;
  filter: { actor?: string; action?: string; targetType?: string; targetId?: string; from?: Date; to?: Date };
  errors: Partial<Record<keyof AuditFilterValues, string>>;
};

const FIELDS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;

/** Reads the filters from a query (URLSearchParams or a page's searchParams); bad dates are reported, not guessed. */
export function parseAuditFilter(query: URLSearchParams | Record<string, string | string[] | undefined>): AuditFilter {
  const get = (name: string) => {
    const raw = query instanceof URLSearchParams ? query.get(name) : query[name];
    return (typeof raw === "string" ? raw : "").trim().slice(0, 200);
  };
  const values = Object.fromEntries(FIELDS.map((f) => [f, get(f)])) as AuditFilterValues;
  const filter: AuditFilter["filter"] = {};
  const errors: AuditFilter["errors"] = {};
  for (const name of ["actor", "action", "targetType", "targetId"] as const) if (values[name]) filter[name] = values[name];
  const range = parseDayRange(values.from, values.to);
  if (range.from) filter.from = range.from;
  if (range.to) filter.to = range.to;
  Object.assign(errors, range.errors);
  return { values, filter, errors };
}
