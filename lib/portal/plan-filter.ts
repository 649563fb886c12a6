// The Plans page's filters as they travel in its URL, turned into the plan
// browse's own filter (lib/billing/plans/browse-plans.ts): a plan_code, as
// much of it as was typed, and a status. A search that is not letters and
// digits cannot be part of a plan_code: it is reported, not guessed.
import { PLAN_STATUSES } from "../billing/plans/schemas";

export type PlanFilterValues = { q: string; status: string };

export type PlanFilter = {
  values: PlanFilterValues;
  /** The browse's `filter` parameter (docs/api-contract.md, Browse), one condition each. */
  filter: string[];
  errors: Partial<Record<keyof PlanFilterValues, string>>;
};

export function parsePlanFilter(query: Record<string, string | string[] | undefined>): PlanFilter {
  const get = (name: string) => (typeof query[name] === "string" ? query[name] : "").trim().slice(0, 64);
  const values: PlanFilterValues = { q: get("q"), status: get("status") };
  const filter: string[] = [];
  const errors: PlanFilter["errors"] = {};
  if (values.q) {
    if (/^[A-Za-z0-9]{1,16}$/.test(values.q)) filter.push(`plan_code,LIKE,${values.q}`);
    else errors.q = "must be a plan code, or part of one: up to 16 letters and digits";
  }
  if ((PLAN_STATUSES as readonly string[]).includes(values.status)) filter.push(`status,EQUALS,${values.status}`);
  return { values, filter, errors };
}
