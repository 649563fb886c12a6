import type { DeliveryAttemptResponse, DeliveryResponse, WebhookResponse } from "./schemas";

// Rows to API shapes. Sealed columns, lease columns and the password never
// leave through here.

type WebhookRow = {
  id: number;
  merchantId: bigint;
  status: string;
  label: string;
  notificationUrl: string;
  emailAddresses: string;
  events: string;
  authType: string;
  authUserName: string | null;
  createdAt: Date;
};

export const webhookSelect = {
  id: true,
  merchantId: true,
  status: true,
  label: true,
  notificationUrl: true,
  emailAddresses: true,
  events: true,
  authType: true,
  authUserName: true,
  createdAt: true,
} as const;

export function webhookToResponse(row: WebhookRow): WebhookResponse {
  const response: WebhookResponse = {
    webhook_id: row.id,
    webhook_node: row.merchantId.toString(),
    status: row.status as WebhookResponse["status"],
    label: row.label,
    notification_url: row.notificationUrl,
    email_address: JSON.parse(row.emailAddresses) as string[],
    events: JSON.parse(row.events) as string[],
    auth_type: row.authType as WebhookResponse["auth_type"],
    db_timestamp: row.createdAt.toISOString(),
  };
  if (row.authType === "BASIC" && row.authUserName !== null) response.auth_settings = { user_name: row.authUserName };
  return response;
}

type DeliveryRow = {
  id: number;
  webhookId: number;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
  event: { eventId: string; type: string };
};

export const deliverySelect = {
  id: true,
  webhookId: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  nextAttemptAt: true,
  deliveredAt: true,
  expiresAt: true,
  createdAt: true,
  event: { select: { eventId: true, type: true } },
} as const;

export function deliveryToResponse(row: DeliveryRow): DeliveryResponse {
  return {
    delivery_id: row.id,
    webhook_id: row.webhookId,
    event_id: row.event.eventId,
    event: row.event.type,
    status: row.status as DeliveryResponse["status"],
    attempts: row.attempts,
    last_response_code: row.lastStatusCode,
    last_error: row.lastError,
    next_attempt: row.status === "PENDING" ? row.nextAttemptAt.toISOString() : null,
    delivered: row.deliveredAt?.toISOString() ?? null,
    expires: row.expiresAt.toISOString(),
    db_timestamp: row.createdAt.toISOString(),
  };
}

type AttemptRow = { attemptedAt: Date; durationMs: number; statusCode: number | null; error: string | null };

export function attemptToResponse(row: AttemptRow): DeliveryAttemptResponse {
  return {
    attempted: row.attemptedAt.toISOString(),
    duration_ms: row.durationMs,
    response_code: row.statusCode,
    error: row.error,
  };
}
