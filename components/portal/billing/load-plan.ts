import "#server-only";
import { notFound } from "next/navigation";
import { getPlanVersions } from "@/lib/billing/plans/browse-plans";
import { BrowsePlansQuerySchema, type PlanResponse } from "@/lib/billing/plans/schemas";
import { subscriptionCountsByPlan } from "@/lib/billing/subscription-operations/list-subscriptions";
import { ApiError } from "@/lib/errors/api-error";

/** How many of a plan's versions its page lists, newest first. */
export const VERSIONS_SHOWN = 100;

export type LoadedPlan = {
  /** The active version, or, once every version is archived or deleted, the newest. */
  current: PlanResponse;
  isActive: boolean;
  /** Newest first. */
  versions: PlanResponse[];
  totalVersions: number;
  /** Subscriptions on each version listed, by plan_id (any status). */
  subscriptions: Map<number, number>;
};

/**
 * The plan a portal URL names, read as GET /platform/plan/{plan_code} reads
 * it, with how many subscriptions each version has. A malformed code, an
 * unknown one and another merchant's all end in the same 404 page.
 */
export async function loadPlan(merchantId: bigint, planCode: string): Promise<LoadedPlan> {
  if (!/^[A-Za-z0-9]{1,16}$/.test(planCode)) notFound();
  let page;
  try {
    page = await getPlanVersions(merchantId, planCode, BrowsePlansQuerySchema.parse({ count: String(VERSIONS_SHOWN), order_on: "plan_id", order_by: "desc" }));
  } catch (error) {
    if (error instanceof ApiError && error.kind === "not_found") notFound();
    throw error;
  }
  const active = page.data.find((plan) => plan.status === "E");
  const current = active ?? page.data[0];
  if (!current) notFound();
  return {
    current,
    isActive: active !== undefined,
    versions: page.data,
    totalVersions: page.totalRecords,
    subscriptions: await subscriptionCountsByPlan(
      merchantId,
      page.data.map((plan) => plan.plan_id),
    ),
  };
}
