import { addLabel } from "../billing/subscription-operations/add-label";
import { addSubscription } from "../billing/subscription-operations/add-subscription";
import { browseLabels } from "../billing/subscription-operations/browse-labels";
import { browseSubscriptions } from "../billing/subscription-operations/browse-subscriptions";
import { cancelSubscription } from "../billing/subscription-operations/cancel-subscription";
import { deleteLabel } from "../billing/subscription-operations/delete-label";
import { editLabel } from "../billing/subscription-operations/edit-label";
import { getSubscription } from "../billing/subscription-operations/get-subscription-or-throw";
import { pauseSubscription } from "../billing/subscription-operations/pause-subscription";
import { resumeSubscription } from "../billing/subscription-operations/resume-subscription";
import {
  AddSubscriptionSchema,
  BrowseLabelsQuerySchema,
  BrowseSubscriptionsQuerySchema,
  LABEL_FILTER_FIELDS,
  LABEL_SORT_FIELDS,
  LabelBodySchema,
  LabelNameBodySchema,
  MAX_LABEL_NAME,
  MAX_LABEL_VALUE,
  SUBSCRIPTION_FILTER_FIELDS,
  SUBSCRIPTION_SORT_FIELDS,
  SubscriberBodySchema,
  SubscriptionPathSchema,
  UpdateSubscriptionSchema,
} from "../billing/subscription-operations/schemas";
import { browseSubscriptionTransactions, getSubscriptionTransactions } from "../billing/subscription-operations/subscription-transactions";
import { updateSubscription } from "../billing/subscription-operations/update-subscription";
import { browseQueryDescriptions } from "../openapi/browse-query-descriptions";
import { describeFields, TAGS } from "../openapi/operation";
import { SubscriptionLabelSchema, SubscriptionResponseSchema, SubscriptionTransactionSchema } from "../openapi/response-schemas";
import { TRANSACTION_FILTER_FIELDS, TRANSACTION_SORT_FIELDS, TransactionBrowseQuerySchema } from "../payments/transaction-schemas";
import { apiOperation, type ApiRoute } from "./api-operation";
import { success, successList, successMessage } from "./envelope";

// The Recurring Billing operations on subscriptions (docs/billing.md,
// "Subscriptions"): add, browse, get, update, pause, resume, cancel, their
// transactions and their labels.

const tag = TAGS.billing;
const subscriptionAnswer = { data: SubscriptionResponseSchema };
const labelsAnswer = { data: SubscriptionLabelSchema.array() };
const idPath = describeFields(SubscriptionPathSchema, { subscription_id: "The subscription_id (an integer)." });
const browseQuery = describeFields(
  BrowseSubscriptionsQuerySchema,
  browseQueryDescriptions(Object.keys(SUBSCRIPTION_FILTER_FIELDS), "date_next", "desc", Object.keys(SUBSCRIPTION_SORT_FIELDS)),
);
const transactionsQuery = describeFields(
  TransactionBrowseQuerySchema,
  browseQueryDescriptions(Object.keys(TRANSACTION_FILTER_FIELDS), "tran_time", "desc", Object.keys(TRANSACTION_SORT_FIELDS)),
);
const labelsQuery = describeFields(
  BrowseLabelsQuerySchema,
  browseQueryDescriptions(Object.keys(LABEL_FILTER_FIELDS), "name", "asc", Object.keys(LABEL_SORT_FIELDS)),
);
const subscriberNote = "customer_id must be the subscription's (else 400).";
const labelRules = `name up to ${MAX_LABEL_NAME} characters, value up to ${MAX_LABEL_VALUE}.`;

const addRules = [
  "date_start (YYYY-MM-DD) is today or later on the merchant's billing clock (a sandbox merchant's sandbox clock).",
  "On a plan: plan_code names an active plan, whose terms the subscription copies; the off-plan fields are refused.",
  "Off-plan (no plan_code): plan_frequency, plan_duration and amt_tran are required; interval, amt_setup, tran_currency, plan_desc and purchase_id are optional; the plan rules apply (POST /plan).",
  "The subscriber: customer_id (an existing customer) or customer (a new one, created with it; with use_existing_customer, the existing customer its customer_id names is used instead).",
  "card_id must be one of that customer's cards; without it, each charge uses the customer's primary card, and a customer without any card is a 400.",
  "A setup fee (amt_setup) is charged at once unless amt_setup_ignore; if it is declined the subscription stays active, unless cancel_on_setup_fail. profile_id and pct_fee are ignored.",
].join(" ");

export const subscriptionRoutes: ApiRoute[] = [
  apiOperation(
    "GET",
    "/subscription",
    {
      operationId: "browseSubscriptions",
      tag,
      summary: "Browse subscriptions",
      description:
        "Every subscription of the merchant, whatever its status. date_next sorts on the day each is next charged; those not charged (P, S, C, D) come last.",
      query: browseQuery,
      answer: { list: SubscriptionResponseSchema },
    },
    async ({ actor, query }) => successList(await browseSubscriptions(actor.merchantId, query)),
  ),
  apiOperation(
    "POST",
    "/subscription",
    {
      operationId: "addSubscription",
      tag,
      summary: "Add a subscription",
      description: `A new active subscription. ${addRules}`,
      body: AddSubscriptionSchema,
      answer: subscriptionAnswer,
      conflict: true,
    },
    async ({ actor, body }) => success(await addSubscription(actor, body)),
  ),
  apiOperation(
    "GET",
    "/subscription/transactions",
    {
      operationId: "getAllSubscriptionTransactions",
      tag,
      summary: "Get every subscription transaction",
      description: "The transactions subscriptions made (setup fees and cycles, declines included), browsed as GET /transaction browses.",
      query: transactionsQuery,
      answer: { list: SubscriptionTransactionSchema },
    },
    async ({ actor, query }) => successList(await browseSubscriptionTransactions(actor.merchantId, query)),
  ),
  apiOperation(
    "GET",
    "/subscription/transactions/{subscription_id}",
    {
      operationId: "getSubscriptionTransactions",
      tag,
      summary: "Get a subscription's transactions",
      description: "The transactions one subscription made, browsed as GET /transaction browses.",
      path: idPath,
      query: transactionsQuery,
      answer: { list: SubscriptionTransactionSchema },
    },
    async ({ actor, params, query }) => successList(await getSubscriptionTransactions(actor.merchantId, params.subscription_id, query)),
  ),
  apiOperation(
    "GET",
    "/subscription/{subscription_id}",
    { operationId: "getSubscription", tag, summary: "Get a subscription", path: idPath, answer: subscriptionAnswer },
    async ({ actor, params }) => success(await getSubscription(actor.merchantId, params.subscription_id)),
  ),
  apiOperation(
    "PUT",
    "/subscription/{subscription_id}",
    {
      operationId: "updateSubscription",
      tag,
      summary: "Update a subscription",
      description:
        "date_start (today or later) only before the subscription starts: its start still ahead and no cycle charged (else 409). card_id: another of the customer's cards, or empty for the customer's primary card. Not on a cancelled or complete subscription (409). profile_id is ignored.",
      path: idPath,
      body: UpdateSubscriptionSchema,
      answer: subscriptionAnswer,
      conflict: true,
    },
    async ({ actor, params, body }) => success(await updateSubscription(actor, params.subscription_id, body)),
  ),
  apiOperation(
    "POST",
    "/subscription/{subscription_id}/pause",
    {
      operationId: "pauseSubscription",
      tag,
      summary: "Pause a subscription",
      description: `Only an active subscription (else 409). Nothing is charged while it is paused. ${subscriberNote}`,
      path: idPath,
      body: SubscriberBodySchema,
      answer: subscriptionAnswer,
    },
    async ({ actor, params, body }) => success(await pauseSubscription(actor, params.subscription_id, body)),
  ),
  apiOperation(
    "POST",
    "/subscription/{subscription_id}/resume",
    {
      operationId: "resumeSubscription",
      tag,
      summary: "Resume a subscription",
      description: `A paused subscription resumes at the first cycle due today or later, skipping those it missed (complete, D, when none is left); a suspended one is due today, and each cycle it missed is charged, oldest first. Active, cancelled and complete subscriptions are a 409, as is one whose card was deleted. ${subscriberNote}`,
      path: idPath,
      body: SubscriberBodySchema,
      answer: subscriptionAnswer,
    },
    async ({ actor, params, body }) => success(await resumeSubscription(actor, params.subscription_id, body)),
  ),
  apiOperation(
    "POST",
    "/subscription/{subscription_id}/cancel",
    {
      operationId: "cancelSubscription",
      tag,
      summary: "Cancel a subscription",
      description: `An active, paused or suspended subscription is cancelled for good (a cancelled or complete one is a 409). ${subscriberNote}`,
      path: idPath,
      body: SubscriberBodySchema,
      answer: subscriptionAnswer,
    },
    async ({ actor, params, body }) => success(await cancelSubscription(actor, params.subscription_id, body)),
  ),
  apiOperation(
    "GET",
    "/subscription/{subscription_id}/labels/browse",
    {
      operationId: "subscriptionLabelsBrowse",
      tag,
      summary: "Browse a subscription's custom fields",
      path: idPath,
      query: labelsQuery,
      answer: { list: SubscriptionLabelSchema },
    },
    async ({ actor, params, query }) => successList(await browseLabels(actor.merchantId, params.subscription_id, query)),
  ),
  apiOperation(
    "POST",
    "/subscription/{subscription_id}/labels/add",
    {
      operationId: "subscriptionLabelsAdd",
      tag,
      summary: "Add a custom field to a subscription",
      description: `A name the subscription already has is a 409. ${labelRules}`,
      path: idPath,
      body: LabelBodySchema,
      answer: labelsAnswer,
    },
    async ({ actor, params, body }) => success(await addLabel(actor, params.subscription_id, body)),
  ),
  apiOperation(
    "POST",
    "/subscription/{subscription_id}/labels/edit",
    {
      operationId: "subscriptionLabelsEdit",
      tag,
      summary: "Edit a subscription's custom field",
      description: `Sets the value of the field with this name; a name the subscription does not have is a 404. ${labelRules}`,
      path: idPath,
      body: LabelBodySchema,
      answer: labelsAnswer,
    },
    async ({ actor, params, body }) => success(await editLabel(actor, params.subscription_id, body)),
  ),
  apiOperation(
    "POST",
    "/subscription/{subscription_id}/labels/delete",
    {
      operationId: "subscriptionLabelsDelete",
      tag,
      summary: "Remove a subscription's custom field",
      description: "Removes the field with this name (a value sent is not read); a name the subscription does not have is a 404.",
      path: idPath,
      body: LabelNameBodySchema,
      answer: "message",
    },
    async ({ actor, params, body }) => {
      await deleteLabel(actor, params.subscription_id, body.name);
      return successMessage("Label deleted");
    },
  ),
];
