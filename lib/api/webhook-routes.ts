import { z } from "zod";
import { SUBSCRIBABLE_EVENT_TYPES } from "../events/event-types";
import {
  AddWebhookSchema,
  BrowseWebhooksQuerySchema,
  DeliveriesQuerySchema,
  DeliveryPathSchema,
  EditWebhookSchema,
  WEBHOOK_FIELDS,
  WEBHOOK_FILTER_FIELDS,
  WebhookEventPathSchema,
  WebhookPathSchema,
} from "../webhooks/schemas";
import { browseQueryDescriptions } from "../openapi/browse-query-descriptions";
import { describeFields, TAGS } from "../openapi/operation";
import { DeliveryResponseSchema, DeliveryWithAttemptsSchema, WebhookEventsResponseSchema, WebhookResponseSchema } from "../openapi/response-schemas";
import { addWebhook } from "../webhooks/add-webhook";
import { browseWebhooks } from "../webhooks/browse-webhooks";
import { editWebhook } from "../webhooks/edit-webhook";
import { getWebhook } from "../webhooks/get-webhook-or-throw";
import { getDelivery, listDeliveries } from "../webhooks/list-deliveries";
import { rotateWebhookSecret } from "../webhooks/rotate-webhook-secret";
import { setWebhookStatus } from "../webhooks/set-webhook-status";
import { changeWebhookEvent, listWebhookEvents } from "../webhooks/webhook-events";
import { apiOperation, type ApiRoute } from "./api-operation";
import { success, successList, successMessage } from "./envelope";

// The Webhooks operations: the reference's, and the secret rotation and
// delivery log this vault adds.

const tag = TAGS.webhooks;
const webhookPath = describeFields(WebhookPathSchema, { webhook_id: "The webhook's id (an integer)." });
// The handler checks the name against the same list (with its own message); the document spells it out as an enum.
const eventPath = WebhookEventPathSchema.extend({
  event: z.enum(SUBSCRIBABLE_EVENT_TYPES as [string, ...string[]]).meta({ description: "An event name a webhook can subscribe to." }),
});
const deliveryPath = describeFields(DeliveryPathSchema, { delivery_id: "The delivery's id (an integer)." });
const browseQuery = describeFields(
  BrowseWebhooksQuerySchema,
  browseQueryDescriptions(Object.keys(WEBHOOK_FILTER_FIELDS), "webhook_id", "asc", Object.keys(WEBHOOK_FIELDS)),
);
const deliveriesQuery = describeFields(DeliveriesQuerySchema, {
  count: "Records per page: default 10; more than 100 is capped at 100.",
  page: "The page, from 0.",
  status: "Only deliveries in this state.",
});
const eventsAnswer = { data: WebhookEventsResponseSchema };
const bodyRules =
  "notification_url: https (http only for localhost, 127.0.0.0/8 and [::1]), at most 256 characters, no user name or password. events: names from the event list (docs/api-contract.md); repeats count once. auth_type BASIC needs auth_settings {user_name, user_password}; the password is never shown again. webhook_node, when sent, must be the key's own merchant.";

export const webhookRoutes: ApiRoute[] = [
  apiOperation(
    "GET",
    "/webhook",
    { operationId: "browseWebhooks", tag, summary: "Browse webhooks", query: browseQuery, answer: { list: WebhookResponseSchema } },
    async ({ actor, query }) => successList(await browseWebhooks(actor.merchantId, query)),
  ),
  apiOperation(
    "POST",
    "/webhook",
    {
      operationId: "addWebhook",
      tag,
      summary: "Add a webhook",
      description: `The answer carries the webhook's signing secret, once. A validate_url event is sent to it first. ${bodyRules}`,
      body: AddWebhookSchema,
      answer: { data: WebhookResponseSchema },
    },
    async ({ actor, body }) => success(await addWebhook(actor, body)),
  ),
  apiOperation(
    "GET",
    "/webhook/{webhook_id}",
    { operationId: "getWebhook", tag, summary: "Get a webhook", path: webhookPath, answer: { data: WebhookResponseSchema } },
    async ({ actor, params }) => success(await getWebhook(actor.merchantId, params.webhook_id)),
  ),
  apiOperation(
    "PUT",
    "/webhook/{webhook_id}",
    {
      operationId: "editWebhook",
      tag,
      summary: "Edit a webhook",
      description: `Partial: omitted fields stay; events, when sent, replaces the set. ${bodyRules}`,
      path: webhookPath,
      body: EditWebhookSchema,
      answer: { data: WebhookResponseSchema },
    },
    async ({ actor, params, body }) => success(await editWebhook(actor, params.webhook_id, body)),
  ),
  apiOperation(
    "PUT",
    "/webhook/{webhook_id}/enable",
    {
      operationId: "enableWebhook",
      tag,
      summary: "Enable a webhook",
      description: "Also resumes a suspended webhook: its held events are sent unless 48 hours have passed.",
      path: webhookPath,
      answer: "message",
    },
    async ({ actor, params }) => {
      await setWebhookStatus(actor, params.webhook_id, "ACTIVE");
      return successMessage("Webhook enabled");
    },
  ),
  apiOperation(
    "PUT",
    "/webhook/{webhook_id}/disable",
    {
      operationId: "disableWebhook",
      tag,
      summary: "Disable a webhook",
      description: "Its events are held, not sent, until it is enabled.",
      path: webhookPath,
      answer: "message",
    },
    async ({ actor, params }) => {
      await setWebhookStatus(actor, params.webhook_id, "DISABLED");
      return successMessage("Webhook disabled");
    },
  ),
  apiOperation(
    "GET",
    "/webhook/{webhook_id}/event",
    { operationId: "listWebhookEvents", tag, summary: "List a webhook's events", path: webhookPath, answer: eventsAnswer },
    async ({ actor, params }) => success(await listWebhookEvents(actor.merchantId, params.webhook_id)),
  ),
  apiOperation(
    "POST",
    "/webhook/{webhook_id}/event/{event}",
    {
      operationId: "addWebhookEvent",
      tag,
      summary: "Subscribe a webhook to an event",
      path: WebhookEventPathSchema,
      pathShownAs: eventPath,
      answer: eventsAnswer,
    },
    async ({ actor, params }) => success(await changeWebhookEvent(actor, params.webhook_id, params.event, "add")),
  ),
  apiOperation(
    "DELETE",
    "/webhook/{webhook_id}/event/{event}",
    {
      operationId: "removeWebhookEvent",
      tag,
      summary: "Unsubscribe a webhook from an event",
      path: WebhookEventPathSchema,
      pathShownAs: eventPath,
      answer: eventsAnswer,
    },
    async ({ actor, params }) => success(await changeWebhookEvent(actor, params.webhook_id, params.event, "remove")),
  ),
  apiOperation(
    "POST",
    "/webhook/{webhook_id}/secret",
    {
      operationId: "rotateWebhookSecret",
      tag,
      summary: "Rotate a webhook's secret",
      description: "A new secret, in this answer only. For 24 hours requests carry signatures under both the new and the old secret.",
      path: webhookPath,
      answer: { data: WebhookResponseSchema },
      extension: true,
    },
    async ({ actor, params }) => success(await rotateWebhookSecret(actor, params.webhook_id)),
  ),
  apiOperation(
    "GET",
    "/webhook/{webhook_id}/deliveries",
    {
      operationId: "listWebhookDeliveries",
      tag,
      summary: "List a webhook's deliveries",
      description: "Newest first, optionally only those in one state.",
      path: webhookPath,
      query: deliveriesQuery,
      answer: { list: DeliveryResponseSchema },
      extension: true,
    },
    async ({ actor, params, query }) => successList(await listDeliveries(actor.merchantId, params.webhook_id, query)),
  ),
  apiOperation(
    "GET",
    "/webhook/{webhook_id}/deliveries/{delivery_id}",
    {
      operationId: "getWebhookDelivery",
      tag,
      summary: "Get a delivery with its attempts",
      description: "Each attempt's time, the receiver's answer code, the duration and the error, oldest first.",
      path: deliveryPath,
      answer: { data: DeliveryWithAttemptsSchema },
      extension: true,
    },
    async ({ actor, params }) => success(await getDelivery(actor.merchantId, params.webhook_id, params.delivery_id)),
  ),
];
