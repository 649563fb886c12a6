// The audit log page's filters as they travel in its URL (so a filtered
// view can be bookmarked, shared, and exported as CSV with the same
// query). Dates are whole UTC days, both ends included, as a person picks
// them; lib/audit takes [from, to), so `to` becomes the next midnight.

export type AuditFilterValues = { actor: string; action: string; targetType: string; targetId: string; from: string; to: string };

export type AuditFilter = {
  values: AuditFilterValues;
  filter: { actor?: string; action?: string; targetType?: string; targetId?: string; from?: Date; to?: Date };
  errors: Partial<Record<keyof AuditFilterValues, string>>;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const FIELDS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;

function day(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

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
  if (values.from) {
    const from = day(values.from);
    if (from) filter.from = from;
    else errors.from = "must be a date (YYYY-MM-DD)";
  }
  if (values.to) {
    const to = day(values.to);
    if (to) filter.to = new Date(to.getTime() + DAY_MS);
    else errors.to = "must be a date (YYYY-MM-DD)";
  }
  if (filter.from && filter.to && filter.from >= filter.to) {
    errors.to = "must not be before the start date";
    delete filter.to;
  }
  return { values, filter, errors };
}

/** The query string of a filter (empty fields left out), plus extras such as the page. */
export function auditFilterQuery(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of FIELDS) if (values[name]) params.set(name, values[name]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
