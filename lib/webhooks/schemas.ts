import { z } from "zod";
import { browseQuerySchema } from "../paging/browse-query";
import { merchantUrlProblem } from "../urls/merchant-url";
import { isSubscribableEvent } from "../events/event-types";
import { freeText } from "../validation/free-text";

// Request and response shapes of the Webhooks API (the reference's Webhooks
// tag). Lengths come from the reference; unknown fields are ignored. The
// label, the addresses and the user name are free text (no card number, no
// control characters: lib/validation/free-text.ts); the password is a
// secret, stored sealed, and taken as given.

const MAX_EMAILS = 10;

export const WebhookPathSchema = z.object({
  webhook_id: z
    .string()
    .regex(/^\d{1,10}$/, "must be an integer of at most 10 digits")
    .transform(Number),
});

export const WebhookEventPathSchema = WebhookPathSchema.extend({
  event: z.string().refine(isSubscribableEvent, "is not an event a webhook can subscribe to"),
});

export const DeliveryPathSchema = WebhookPathSchema.extend({
  delivery_id: z
    .string()
    .regex(/^\d{1,10}$/, "must be an integer of at most 10 digits")
    .transform(Number),
});

const NotificationUrlSchema = z
  .string()
  .max(256, "must be at most 256 characters")
  .superRefine((value, ctx) => {
    const problem = merchantUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const EventsSchema = z
  .array(z.string().refine(isSubscribableEvent, "is not an event a webhook can subscribe to"), { error: "must be an array of event names" })
  .max(50, "must name at most 50 events")
  // A repeated name is the same subscription.
  .transform((events) => [...new Set(events)]);

const EmailsSchema = z
  .array(
    freeText(
      z
        .string()
        .max(64, "must be at most 64 characters")
        .regex(/^[^\s@]+@[^\s@]+$/, "must be an email address"),
    ),
    {
      error: "must be an array of email addresses",
    },
  )
  .max(MAX_EMAILS, `must hold at most ${MAX_EMAILS} addresses`);

const AuthSettingsSchema = z.object({
  user_name: freeText(
    z
      .string()
      .min(1, "is required")
      .max(128, "must be at most 128 characters")
      .regex(/^[^:]*$/, "must not contain ':'"),
  ),
  user_password: z.string().min(1, "is required").max(128, "must be at most 128 characters"),
});

/** webhook_node: the merchant the webhook belongs to; only the key's own is accepted. */
const WebhookNodeSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,16}$/, "must be a merchant id"));

const webhookFields = {
  label: freeText(z.string().min(1, "is required").max(64, "must be at most 64 characters")),
  notification_url: NotificationUrlSchema,
  email_address: EmailsSchema.optional(),
  events: EventsSchema.optional(),
  auth_type: z.enum(["NONE", "BASIC"], { error: "must be NONE or BASIC" }).optional(),
  auth_settings: AuthSettingsSchema.optional(),
  webhook_node: WebhookNodeSchema.optional(),
};

function requireBasicSettings(body: { auth_type?: string; auth_settings?: unknown }, ctx: z.RefinementCtx): void {
  if (body.auth_type === "BASIC" && body.auth_settings === undefined) {
    ctx.addIssue({ code: "custom", path: ["auth_settings"], message: "is required when auth_type is BASIC" });
  }
}

export const AddWebhookSchema = z.object(webhookFields).superRefine(requireBasicSettings);
export type AddWebhookInput = z.infer<typeof AddWebhookSchema>;

// On an edit, BASIC without auth_settings is fine for a webhook that is
// BASIC already (clients send the whole object back): editWebhook decides.
export const EditWebhookSchema = z.object({
  ...webhookFields,
  label: webhookFields.label.optional(),
  notification_url: NotificationUrlSchema.optional(),
});
export type EditWebhookInput = z.infer<typeof EditWebhookSchema>;

/** The fields GET /platform/webhook sorts on, and their columns. */
export const WEBHOOK_FIELDS = { webhook_id: "id", label: "label", status: "status", notification_url: "notificationUrl" } as const;

/** The fields GET /platform/webhook filters on (each a required text column), and their columns. */
export const WEBHOOK_FILTER_FIELDS = { label: "label", status: "status", notification_url: "notificationUrl" } as const;

/** GET /platform/webhook: paging, sorting and filters. */
export const BrowseWebhooksQuerySchema = browseQuerySchema(WEBHOOK_FIELDS, { orderOn: "webhook_id", orderBy: "asc" });
export type BrowseWebhooksQuery = z.infer<typeof BrowseWebhooksQuerySchema>;

/** GET /platform/webhook/{id}/deliveries: newest first, optionally one status. */
export const DeliveriesQuerySchema = browseQuerySchema({ delivery_id: "id" }, { orderOn: "delivery_id", orderBy: "desc" })
  .pick({ count: true, page: true, merchant_id: true })
  .extend({
    status: z.enum(["PENDING", "DELIVERED", "FAILED", "EXPIRED"], { error: "must be PENDING, DELIVERED, FAILED or EXPIRED" }).optional(),
  });
export type DeliveriesQuery = z.infer<typeof DeliveriesQuerySchema>;

/** The portal's enable or disable (SUSPENDED is the worker's to set, never a user's). */
export const WebhookStatusSchema = z.object({ status: z.enum(["ACTIVE", "DISABLED"]) });

export type WebhookResponse = {
  webhook_id: number;
  webhook_node: string;
  status: "ACTIVE" | "DISABLED" | "SUSPENDED";
  label: string;
  notification_url: string;
  email_address: string[];
  events: string[];
  auth_type: "NONE" | "BASIC";
  /** The user name only: the password is write-only. */
  auth_settings?: { user_name: string };
  db_timestamp: string;
  /** Only in the answers that create or rotate it. */
  secret?: string;
};

export type DeliveryResponse = {
  delivery_id: number;
  webhook_id: number;
  event_id: string;
  event: string;
  status: "PENDING" | "DELIVERED" | "FAILED" | "EXPIRED";
  attempts: number;
  last_response_code: number | null;
  last_error: string | null;
  next_attempt: string | null;
  delivered: string | null;
  expires: string;
  db_timestamp: string;
};

export type DeliveryAttemptResponse = {
  attempted: string;
  duration_ms: number;
  response_code: number | null;
  error: string | null;
};
