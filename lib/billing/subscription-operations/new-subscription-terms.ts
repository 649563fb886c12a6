import "#server-only";
import type { Tx } from "../../db/client";
import { lockRows } from "../../db/locks";
import { Prisma } from "../../db/sql";
import { ApiError, type FieldErrors } from "../../errors/api-error";
import { planSelect, rowTerms, termColumns as planTermColumns } from "../plans/plan-rows";
import { termsFromAdd, type PlanTerms } from "../plans/plan-terms";
import { ScheduleError, scheduleSummary } from "../schedule";
import { firstCursor, scheduleOf, type SubscriptionTerms } from "../subscriptions/subscription-cursor";
import { formatDay, parseDay } from "../utc-date";
import { OFF_PLAN_FIELDS, type AddSubscriptionInput } from "./schemas";

// What a new subscription bills (docs/billing.md, "Subscriptions"): on a
// plan, a copy of the active version's terms, so later versions leave it
// alone; off-plan, the fields it sends, checked by the plan rules
// (../plans/plan-terms.ts), so the same field rules apply to both.

/** The columns of a new subscription that say what it bills and from when. */
export type NewSubscriptionTerms = SubscriptionTerms & {
  planId: number | null;
  planCode: string | null;
  planName: string | null;
  description: string;
  setupMinor: bigint;
  currency: number;
  purchaseId: string | null;
};

/**
 * The new subscription's terms, or null with every problem noted in
 * `errors` (the caller refuses them together, before writing anything).
 * `today` is the merchant's day number: date_start may not be before it.
 * On a plan, the plan's row is locked (PostgreSQL) so that a concurrent
 * update or delete of the version waits for this subscription, or this one
 * sees the version already gone.
 */
export async function newSubscriptionTerms(
  tx: Tx,
  merchantId: bigint,
  input: AddSubscriptionInput,
  today: number,
  errors: FieldErrors,
): Promise<NewSubscriptionTerms | null> {
  const start = parseDay(input.date_start);
  if (start !== null && start < today) errors.date_start = `must be today or later: today is ${formatDay(today)} on the merchant's billing clock`;

  const terms = input.plan_code === undefined ? offPlanTerms(input, errors) : await planTerms(tx, merchantId, input.plan_code, input, errors);
  if (!terms) return null;
  const result: NewSubscriptionTerms = { ...terms, dateStart: input.date_start };
  try {
    // The last guard (docs/billing.md, "Refused schedules"): a start so far ahead that the schedule would run past 9999-12-31.
    scheduleSummary(scheduleOf(result));
    firstCursor(result);
  } catch (error) {
    if (!(error instanceof ScheduleError || error instanceof RangeError)) throw error;
    errors.date_start ??= "is too far ahead: the schedule would end after 9999-12-31";
    return null;
  }
  return Object.keys(errors).length > 0 ? null : result;
}

type TermColumns = Omit<NewSubscriptionTerms, "dateStart">;

/** An off-plan subscription: plan_frequency, plan_duration and amt_tran are required, and the plan rules apply. */
function offPlanTerms(input: AddSubscriptionInput, errors: FieldErrors): TermColumns | null {
  for (const field of ["plan_frequency", "plan_duration", "amt_tran"] as const) {
    if (input[field] === undefined) errors[field] = "is required without a plan_code (an off-plan subscription)";
  }
  if (input.plan_frequency === undefined || input.plan_duration === undefined || input.amt_tran === undefined) return null;
  try {
    const terms = termsFromAdd({
      plan_code: "",
      plan_name: "",
      plan_desc: input.plan_desc ?? "",
      plan_frequency: input.plan_frequency,
      plan_duration: input.plan_duration,
      amt_tran: input.amt_tran,
      interval: input.interval,
      amt_setup: input.amt_setup,
      tran_currency: input.tran_currency,
    });
    return termColumns(terms, { planId: null, planCode: null, planName: null, purchaseId: input.purchase_id ?? null });
  } catch (error) {
    if (!(error instanceof ApiError) || error.kind !== "validation") throw error;
    Object.assign(errors, error.fields);
    return null;
  }
}

/** An on-plan subscription: the active version with this plan_code, whose terms it copies; the off-plan fields are refused. */
async function planTerms(tx: Tx, merchantId: bigint, code: string, input: AddSubscriptionInput, errors: FieldErrors): Promise<TermColumns | null> {
  for (const field of OFF_PLAN_FIELDS) {
    if (input[field] !== undefined) errors[field] = "applies only to an off-plan subscription (without plan_code): the plan sets it";
  }
  await lockRows(tx, "Plan", Prisma.sql`"merchantId" = ${merchantId} AND "activeCode" = ${code}`, "no key update");
  const plan = await tx.plan.findFirst({ where: { merchantId, activeCode: code }, select: planSelect });
  if (!plan) {
    errors.plan_code = "does not name an active plan of the merchant";
    return null;
  }
  return termColumns(rowTerms(plan), { planId: plan.id, planCode: plan.code, planName: plan.name, purchaseId: null });
}

function termColumns(terms: PlanTerms, plan: Pick<TermColumns, "planId" | "planCode" | "planName" | "purchaseId">): TermColumns {
  // A plan's term columns, less what only a plan has: its name (kept as planName) and its DBA suffix.
  const { name: _name, dbaSuffix: _dbaSuffix, ...columns } = planTermColumns(terms);
  return { ...plan, ...columns };
}
