import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { VALIDATE_URL_EVENT, VAULT_EVENT_TYPES } from "../events/event-types";
import { QUALPAY_SIGNATURE_HEADER, VAULT_SIGNATURE_HEADER } from "../webhooks/delivery/sign-delivery";

// The request the worker sends to a webhook's notification_url (OpenAPI
// 3.1's top-level `webhooks`), so a receiver can be written from the document.

const DeliveryBodySchema = z
  .object({
    event: z.enum([VALIDATE_URL_EVENT, ...VAULT_EVENT_TYPES]),
    data: z.record(z.string(), z.unknown()).meta({
      description:
        "customer events: {customer_id}; card events: {customer_id, card_id, card_number (masked), card_type, exp_date}, and checkout_id for the checkout_ events; validate_url: {webhook_id, label, notification_url}.",
    }),
    event_id: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .meta({ description: "The same on every retry: deduplicate on it." }),
    created: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "WebhookEventBody", description: "What the vault POSTs to a webhook's notification_url." });

const SignatureHeaders = z.object({
  [QUALPAY_SIGNATURE_HEADER]: z.string().meta({
    description: "base64 HMAC-SHA256 of the raw body under the webhook's secret; during a secret rotation two, comma-separated, new secret first.",
  }),
  [VAULT_SIGNATURE_HEADER]: z.string().meta({
    description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">; during a rotation one v1= per secret. Refuse old t to refuse replays.',
  }),
});

export const outgoingWebhooks: ZodOpenApiPathsObject = {
  vaultEvent: {
    post: {
      summary: "An event, POSTed to the webhook's notification_url",
      description:
        "A 2xx answer within 10 seconds is delivered; anything else is retried with backoff for 48 hours, then the webhook is suspended. One endpoint gets its events in order, one at a time. Delivery is at least once.",
      requestParams: { header: SignatureHeaders },
      requestBody: { required: true, content: { "application/json": { schema: DeliveryBodySchema } } },
      responses: { 200: { description: "Any 2xx answer counts as delivered." } },
    },
  },
};
