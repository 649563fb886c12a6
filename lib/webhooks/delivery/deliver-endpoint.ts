import "#server-only";
import { getDb, type Tx } from "../../db/client";
import { writeTransaction } from "../../db/write-transaction";
import { recordAudit } from "../../audit/record-audit";
import { logger } from "../../log/logger";
import { openForWebhook } from "../webhook-secrets";
import { retryDelayMs } from "./backoff";
import { renewLease, releaseLease, type LeaseOptions } from "./claim-endpoints";
import { deliveryBody } from "./delivery-body";
import { sendDelivery, type SendOutcome } from "./send-delivery";
import { signatureHeaders } from "./sign-delivery";
import { targetPolicy } from "../../urls/target-address";

export type DeliverOptions = LeaseOptions & {
  timeoutMs: number;
  /** Checked between deliveries: true once the worker is shutting down. */
  isStopping: () => boolean;
};

/**
 * An endpoint is given back after this many deliveries in a row, so that
 * with more endpoints than slots the others get their turn, and a second
 * worker can take over part of a backlog.
 */
export const MAX_DELIVERIES_PER_CLAIM = 100;

/**
 * Sends a claimed webhook's due deliveries, oldest first, one at a time,
 * until its queue is empty, the next one is not due yet, one fails (the
 * rest wait behind it, so order holds), the lease is lost or the webhook
 * disabled, the worker stops, or MAX_DELIVERIES_PER_CLAIM went out. Then
 * the lease is given back. Returns how many were delivered.
 */
export async function deliverEndpoint(webhookId: number, options: DeliverOptions): Promise<number> {
  let delivered = 0;
  try {
    // The endpoint as it was when claimed: an edit takes effect at the next
    // claim. Status and lease are checked after every request.
    const hook = await getDb().webhook.findUnique({ where: { id: webhookId } });
    if (!hook || hook.status !== "ACTIVE" || hook.leaseOwner !== options.workerId) return 0;
    const signer = endpointSigner(hook, options.clock.now());
    const policy = targetPolicy();
    while (delivered < MAX_DELIVERIES_PER_CLAIM) {
      const queue = await nextDeliveries(webhookId, MAX_DELIVERIES_PER_CLAIM - delivered);
      if (queue.length === 0) break;
      for (const delivery of queue) {
        if (options.isStopping() || delivery.nextAttemptAt > options.clock.now()) return delivered;
        const body = deliveryBody(delivery.event);
        const outcome = await sendDelivery({
          url: hook.notificationUrl,
          body,
          headers: signer(body, options.clock.now()),
          timeoutMs: options.timeoutMs,
          policy,
        });
        const stillHeld = await recordOutcome({ ...delivery, webhookId, merchantId: hook.merchantId, emailAddresses: hook.emailAddresses }, outcome, options);
        if (!outcome.ok) return delivered;
        delivered++;
        if (!stillHeld) return delivered;
      }
    }
  } finally {
    await releaseLease(webhookId, options.workerId);
  }
  return delivered;
}

/** The endpoint's oldest pending deliveries, a batch at a time. */
function nextDeliveries(webhookId: number, atMost: number) {
  return getDb().webhookDelivery.findMany({
    where: { webhookId, status: "PENDING" },
    orderBy: { id: "asc" },
    take: Math.min(50, atMost),
    select: {
      id: true,
      attempts: true,
      nextAttemptAt: true,
      expiresAt: true,
      event: { select: { eventId: true, type: true, payload: true, createdAt: true } },
    },
  });
}

type EndpointRow = {
  id: number;
  merchantId: bigint;
  secretSealed: Uint8Array;
  previousSecretSealed: Uint8Array | null;
  previousSecretExpiresAt: Date | null;
  authType: string;
  authUserName: string | null;
  authPasswordSealed: Uint8Array | null;
};

/** Opens the endpoint's secrets once per claim; returns the headers for a body. */
function endpointSigner(hook: EndpointRow, claimedAt: Date): (body: string, now: Date) => Record<string, string> {
  const secret = openForWebhook(hook.secretSealed, hook.merchantId, hook.id, "secret");
  const previous =
    hook.previousSecretSealed && hook.previousSecretExpiresAt && hook.previousSecretExpiresAt > claimedAt
      ? { secret: openForWebhook(hook.previousSecretSealed, hook.merchantId, hook.id, "secret"), until: hook.previousSecretExpiresAt }
      : null;
  const authorization =
    hook.authType === "BASIC" && hook.authUserName !== null && hook.authPasswordSealed
      ? `Basic ${Buffer.from(`${hook.authUserName}:${openForWebhook(hook.authPasswordSealed, hook.merchantId, hook.id, "auth-password")}`).toString("base64")}`
      : null;
  return (body, now) => {
    const secrets = previous && previous.until > now ? [secret, previous.secret] : [secret];
    const headers = signatureHeaders(body, secrets, Math.floor(now.getTime() / 1000));
    if (authorization) headers.authorization = authorization;
    return headers;
  };
}

type HeadDelivery = {
  id: number;
  webhookId: number;
  merchantId: bigint;
  attempts: number;
  expiresAt: Date;
  emailAddresses: string;
  event: { eventId: string; type: string };
};

/**
 * Stores the attempt and what follows from it, and renews the lease, in one
 * transaction. Returns whether this worker still holds the endpoint (and it
 * is still ACTIVE): the lease outlasts a request three times over, so
 * renewing it after each one is enough.
 */
async function recordOutcome(delivery: HeadDelivery, outcome: SendOutcome, options: DeliverOptions): Promise<boolean> {
  const now = options.clock.now();
  const attempts = delivery.attempts + 1;
  const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
  const next: Next = outcome.ok ? { kind: "delivered" } : retryAt < delivery.expiresAt ? { kind: "retry", retryAt } : { kind: "give-up" };
  const stillHeld = await writeTransaction(async (tx) => {
    await storeOutcome(tx, delivery, outcome, { now, attempts, next, workerId: options.workerId });
    return renewLease(tx, delivery.webhookId, options);
  });
  const context = { webhookId: delivery.webhookId, deliveryId: delivery.id, eventId: delivery.event.eventId, event: delivery.event.type, attempt: attempts };
  const answer = { status: outcome.statusCode, error: outcome.error };
  if (next.kind === "delivered") logger.info({ ...context, status: outcome.statusCode, ms: outcome.durationMs }, "webhook delivered");
  else if (next.kind === "retry") logger.warn({ ...context, ...answer, retryAt: next.retryAt.toISOString() }, "webhook delivery failed; will retry");
  else {
    const noticeAddresses = (JSON.parse(delivery.emailAddresses) as string[]).length;
    logger.warn({ ...context, ...answer, noticeAddresses }, "webhook suspended after 48 hours of failures; notice recorded");
  }
  return stillHeld;
}

type Next = { kind: "delivered" } | { kind: "retry"; retryAt: Date } | { kind: "give-up" };

async function storeOutcome(
  tx: Tx,
  delivery: HeadDelivery,
  outcome: SendOutcome,
  { now, attempts, next, workerId }: { now: Date; attempts: number; next: Next; workerId: string },
): Promise<void> {
  await tx.webhookDeliveryAttempt.create({
    data: { deliveryId: delivery.id, attemptedAt: now, durationMs: outcome.durationMs, statusCode: outcome.statusCode, error: outcome.error, workerId },
  });
  const result = { attempts, lastStatusCode: outcome.statusCode, lastError: outcome.error };
  // "status: PENDING" in each WHERE: a success is recorded once, even if a
  // worker whose lease ran out sent the same delivery meanwhile.
  const pending = { id: delivery.id, status: "PENDING" };
  if (next.kind === "delivered") {
    await tx.webhookDelivery.updateMany({ where: pending, data: { ...result, status: "DELIVERED", deliveredAt: now } });
    return;
  }
  if (next.kind === "retry") {
    await tx.webhookDelivery.updateMany({ where: pending, data: { ...result, nextAttemptAt: next.retryAt } });
    // Later deliveries wait behind this one; moving them keeps the worker
    // from claiming the endpoint only to find its head not due.
    await tx.webhookDelivery.updateMany({
      where: { webhookId: delivery.webhookId, status: "PENDING", id: { gt: delivery.id }, nextAttemptAt: { lt: next.retryAt } },
      data: { nextAttemptAt: next.retryAt },
    });
    return;
  }
  await tx.webhookDelivery.updateMany({ where: pending, data: { ...result, status: "FAILED" } });
  const suspended = await tx.webhook.updateMany({ where: { id: delivery.webhookId, status: "ACTIVE" }, data: { status: "SUSPENDED", suspendedAt: now } });
  if (suspended.count === 1) {
    const reason = `no successful delivery of event ${delivery.event.eventId} for 48 hours (last: ${outcome.error})`;
    await tx.webhookSuspension.create({
      data: { webhookId: delivery.webhookId, merchantId: delivery.merchantId, emailAddresses: delivery.emailAddresses, reason, createdAt: now },
    });
    await recordAudit(tx, { merchantId: delivery.merchantId, actor: `worker:${workerId}` }, "webhook.suspend", {
      type: "webhook",
      id: String(delivery.webhookId),
    });
  }
}
