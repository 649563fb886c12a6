// The audit log page's filters as they travel in its URL (so a filtered
// view can be bookmarked, shared, and exported as CSV with the same
// query). Dates are whole UTC days, both ends included (day-range.ts).
// Action and target type are chosen from the names the log records
// (lib/audit/audit-actions.ts); a name outside them is reported, not searched.
import { isAuditAction, isAuditTargetType } from "../audit/audit-actions";
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
  for (const name of ["actor", "targetId"] as const) if (values[name]) filter[name] = values[name];
  if (values.action && isAuditAction(values.action)) filter.action = values.action;
  else if (values.action) errors.action = "is not an action the log records: pick one from the list";
  if (values.targetType && isAuditTargetType(values.targetType)) filter.targetType = values.targetType;
  else if (values.targetType) errors.targetType = "is not a target type the log records: pick one from the list";
  const range = parseDayRange(values.from, values.to);
  if (range.from) filter.from = range.from;
  if (range.to) filter.to = range.to;
  Object.assign(errors, range.errors);
  return { values, filter, errors };
}
