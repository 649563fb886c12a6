import "#server-only";
import { dbProvider, getDb } from "../../db/client";
import { notFound } from "../../errors/api-error";
import type { ListPage } from "../../paging/list-page";
import { filterWhere, parseFilters } from "../../vault/browse-filter";
import { planSelect, planToResponse } from "./plan-rows";
import { PLAN_FILTER_FIELDS, PLAN_SORT_FIELDS, type BrowsePlansQuery, type PlanResponse } from "./schemas";

/** GET /plan: one page of the merchant's plans, every version and status, filtered and sorted; totalRecords is the real total. */
export async function browsePlans(merchantId: bigint, query: BrowsePlansQuery): Promise<ListPage<PlanResponse>> {
  return planPage({ merchantId }, query);
}

/** GET /plan/{plan_code}: every version of the plan (active, archived, deleted), as a browse; a code the merchant never used is a 404. */
export async function getPlanVersions(merchantId: bigint, code: string, query: BrowsePlansQuery): Promise<ListPage<PlanResponse>> {
  const exists = await getDb().plan.findFirst({ where: { merchantId, code }, select: { id: true } });
  if (!exists) throw notFound("Plan");
  return planPage({ merchantId, code }, query);
}

async function planPage(scope: { merchantId: bigint; code?: string }, query: BrowsePlansQuery): Promise<ListPage<PlanResponse>> {
  // Every filterable column is required text.
  const filters = filterWhere(parseFilters(query.filter, PLAN_FILTER_FIELDS), dbProvider(), Object.values(PLAN_FILTER_FIELDS));
  const where = { ...scope, AND: filters };
  const column = PLAN_SORT_FIELDS[query.order_on as keyof typeof PLAN_SORT_FIELDS];
  // plan_id breaks ties, so paging is stable (and a code's versions come oldest first).
  const orderBy = column === "id" ? [{ id: query.order_by }] : [{ [column]: query.order_by }, { id: "asc" as const }];
  const db = getDb();
  const [totalRecords, rows] = await Promise.all([
    db.plan.count({ where }),
    db.plan.findMany({ where, orderBy, skip: query.page * query.count, take: query.count, select: planSelect }),
  ]);
  return { data: rows.map(planToResponse), totalRecords, page: query.page, count: query.count, orderOn: query.order_on, orderBy: query.order_by };
}
