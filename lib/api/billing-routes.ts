import { addPlan } from "../billing/plans/add-plan";
import { archivePlan } from "../billing/plans/archive-plan";
import { browsePlans, getPlanVersions } from "../billing/plans/browse-plans";
import { deletePlan } from "../billing/plans/delete-plan";
import {
  AddPlanSchema,
  BrowsePlansQuerySchema,
  MAX_PLAN_DESC,
  PLAN_FILTER_FIELDS,
  PLAN_SORT_FIELDS,
  PlanCodePathSchema,
  PlanIdPathSchema,
  UpdatePlanSchema,
} from "../billing/plans/schemas";
import { updatePlan } from "../billing/plans/update-plan";
import { browseQueryDescriptions } from "../openapi/browse-query-descriptions";
import { describeFields, TAGS } from "../openapi/operation";
import { PlanResponseSchema } from "../openapi/response-schemas";
import { apiOperation, type ApiRoute } from "./api-operation";
import { success, successList } from "./envelope";

// The Recurring Billing operations: plans (docs/billing.md, "Plans").

const tag = TAGS.billing;
const planAnswer = { data: PlanResponseSchema };
const codePath = describeFields(PlanCodePathSchema, { plan_code: "The merchant's code for the plan: 1 to 16 letters and digits, case-sensitive." });
const idPath = describeFields(PlanIdPathSchema, { plan_id: "The plan version's plan_id (an integer)." });
const browseQuery = describeFields(
  BrowsePlansQuerySchema,
  browseQueryDescriptions(Object.keys(PLAN_FILTER_FIELDS), "plan_code", "asc", Object.keys(PLAN_SORT_FIELDS)),
);
const bodyRules = [
  "plan_frequency: 0 weekly, 1 bi-weekly, 3 monthly, 4 quarterly, 5 bi-annually, 6 annually, 7 daily.",
  "interval (1 to 99, default 1) only on weekly and monthly plans.",
  "plan_duration: cycles, -1 until cancelled.",
  "Amounts in major units, at most the currency's decimals; amt_tran more than 0.",
  "bill_specific_day true needs day_of_week (1 Sunday to 7 Saturday) on weekly and bi-weekly plans, day_of_month (1 to 31, 32 the last day) on the others, and month (1 to 12) on annual ones; not on daily plans.",
  "prorate_first_pmt only with bill_specific_day; amt_prorate (0: computed) only with prorate_first_pmt; amt_trial only with a trial_duration.",
  `plan_desc at most ${MAX_PLAN_DESC} characters. profile_id is ignored.`,
].join(" ");

export const billingRoutes: ApiRoute[] = [
  apiOperation(
    "GET",
    "/plan",
    {
      operationId: "browsePlans",
      tag,
      summary: "Browse plans",
      description: "Every version of every plan: active (E), archived (A) and deleted (D).",
      query: browseQuery,
      answer: { list: PlanResponseSchema },
    },
    async ({ actor, query }) => successList(await browsePlans(actor.merchantId, query)),
  ),
  apiOperation(
    "POST",
    "/plan",
    {
      operationId: "addPlan",
      tag,
      summary: "Add a plan",
      description: `plan_code may not name another active plan of the merchant (409); an archived or deleted plan's code may be used again. ${bodyRules}`,
      body: AddPlanSchema,
      answer: planAnswer,
      conflict: true,
    },
    async ({ actor, body }) => success(await addPlan(actor, body)),
  ),
  apiOperation(
    "GET",
    "/plan/{plan_code}",
    {
      operationId: "getPlan",
      tag,
      summary: "Get a plan's versions",
      description: "Every version of the plan with this code, active, archived and deleted, as a browse. A code the merchant never used is a 404.",
      path: codePath,
      query: browseQuery,
      answer: { list: PlanResponseSchema },
    },
    async ({ actor, params, query }) => successList(await getPlanVersions(actor.merchantId, params.plan_code, query)),
  ),
  apiOperation(
    "PUT",
    "/plan/{plan_code}",
    {
      operationId: "updatePlan",
      tag,
      summary: "Update a plan",
      description: `Partial: omitted fields stay, except those the change makes inapplicable (a day_of_month once the plan turns weekly), which go back to their defaults. Only the active version can be updated (409 when the code has none). A plan with subscriptions is archived and the answer is its new version, with a new plan_id. ${bodyRules}`,
      path: codePath,
      body: UpdatePlanSchema,
      answer: planAnswer,
      conflict: true,
    },
    async ({ actor, params, body }) => success(await updatePlan(actor, params.plan_code, body)),
  ),
  apiOperation(
    "POST",
    "/plan/{plan_code}/archive",
    {
      operationId: "archivePlan",
      tag,
      summary: "Archive a plan",
      description:
        "Archives the active version (409 when the code has none). Its subscriptions go on; new ones cannot join it, and its code is free for a new plan. No body is read.",
      path: codePath,
      answer: planAnswer,
      conflict: true,
    },
    async ({ actor, params }) => success(await archivePlan(actor, params.plan_code)),
  ),
  apiOperation(
    "DELETE",
    "/plan/{plan_id}/delete",
    {
      operationId: "deletePlan",
      tag,
      summary: "Delete a plan",
      description:
        "Marks the plan version deleted, active or not, and cancels its subscriptions. It is still shown by GET /plan/{plan_code}. Deleting it again changes nothing.",
      path: idPath,
      answer: planAnswer,
    },
    async ({ actor, params }) => success(await deletePlan(actor, params.plan_id)),
  ),
];
