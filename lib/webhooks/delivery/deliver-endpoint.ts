import "#server-only";
import { getDb } from "../../db/client";
import { recordAudit } from "../../audit/record-audit";
import { logger } from "../../log/logger";
import { openForWebhook } from "../webhook-secrets";
import { retryDelayMs } from "./backoff";
import { renewLease, releaseLease, type LeaseOptions } from "./claim-endpoints";
import { deliveryBody } from "./delivery-body";
import { sendDelivery, type SendOutcome } from "./send-delivery";
import { signatureHeaders } from "./sign-delivery";

export type DeliverOptions = LeaseOptions & {
  timeoutMs: number;
  /** Checked between deliveries: true once the worker is shutting down. */
  isStopping: () => boolean;
};

/**
 * Sends a claimed webhook's due deliveries, oldest first, one at a time,
 * until its queue is empty, the next one is not due yet, one fails (the
 * rest wait behind it, so order holds), or the worker stops. Then the lease
 * is given back. Returns how many were delivered.
 */
export async function deliverEndpoint(webhookId: number, options: DeliverOptions): Promise<number> {
  let delivered = 0;
  try {
    // The endpoint as it was when claimed: an edit takes effect at the next
    // claim. Status and lease are checked again before every request.
    const hook = await getDb().webhook.findUnique({ where: { id: webhookId } });
    if (!hook || hook.status !== "ACTIVE" || hook.leaseOwner !== options.workerId) return 0;
    const signer = endpointSigner(hook, options.clock.now());
    for (;;) {
      const queue = await nextDeliveries(webhookId);
      if (queue.length === 0) break;
      for (const delivery of queue) {
        if (options.isStopping() || delivery.nextAttemptAt > options.clock.now()) return delivered;
        // Renewed before each request, for longer than a request can take;
        // false if the webhook was disabled or the lease taken meanwhile.
        if (!(await renewLease(webhookId, options))) return delivered;
        const body = deliveryBody(delivery.event);
        const outcome = await sendDelivery({ url: hook.notificationUrl, body, headers: signer(body, options.clock.now()), timeoutMs: options.timeoutMs });
        await recordOutcome({ ...delivery, webhookId, merchantId: hook.merchantId, emailAddresses: hook.emailAddresses }, outcome, options);
        if (!outcome.ok) return delivered;
        delivered++;
      }
    }
  } finally {
    await releaseLease(webhookId, options.workerId);
  }
  return delivered;
}

/** The endpoint's oldest pending deliveries, a batch at a time. */
function nextDeliveries(webhookId: number) {
  return getDb().webhookDelivery.findMany({
    where: { webhookId, status: "PENDING" },
    orderBy: { id: "asc" },
    take: 50,
    select: { id: true, attempts: true, nextAttemptAt: true, expiresAt: true, event: { select: { eventId: true, type: true, payload: true, createdAt: true } } },
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

/** Stores the attempt and what follows from it, in one transaction. */
async function recordOutcome(delivery: HeadDelivery, outcome: SendOutcome, options: DeliverOptions): Promise<void> {
  const now = options.clock.now();
  const attempts = delivery.attempts + 1;
  const context = { webhookId: delivery.webhookId, deliveryId: delivery.id, eventId: delivery.event.eventId, event: delivery.event.type, attempt: attempts };
  const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
  const givesUp = !outcome.ok && retryAt >= delivery.expiresAt;

  await getDb().$transaction(async (tx) => {
    await tx.webhookDeliveryAttempt.create({
      data: { deliveryId: delivery.id, attemptedAt: now, durationMs: outcome.durationMs, statusCode: outcome.statusCode, error: outcome.error, workerId: options.workerId },
    });
    const result = { attempts, lastStatusCode: outcome.statusCode, lastError: outcome.error };
    if (outcome.ok) {
      // "status: PENDING" in the WHERE: a success is recorded once, even if a
      // worker whose lease ran out sent the same delivery meanwhile.
      await tx.webhookDelivery.updateMany({ where: { id: delivery.id, status: "PENDING" }, data: { ...result, status: "DELIVERED", deliveredAt: now } });
      return;
    }
    if (!givesUp) {
      await tx.webhookDelivery.updateMany({ where: { id: delivery.id, status: "PENDING" }, data: { ...result, nextAttemptAt: retryAt } });
      // Later deliveries wait behind this one; moving them keeps the worker
      // from claiming the endpoint only to find its head not due.
      await tx.webhookDelivery.updateMany({
        where: { webhookId: delivery.webhookId, status: "PENDING", id: { gt: delivery.id }, nextAttemptAt: { lt: retryAt } },
        data: { nextAttemptAt: retryAt },
      });
      return;
    }
    await tx.webhookDelivery.updateMany({ where: { id: delivery.id, status: "PENDING" }, data: { ...result, status: "FAILED" } });
    const suspended = await tx.webhook.updateMany({ where: { id: delivery.webhookId, status: "ACTIVE" }, data: { status: "SUSPENDED", suspendedAt: now } });
    if (suspended.count === 1) {
      const reason = `no successful delivery of event ${delivery.event.eventId} for 48 hours (last: ${outcome.error})`;
      await tx.webhookSuspension.create({
        data: { webhookId: delivery.webhookId, merchantId: delivery.merchantId, emailAddresses: delivery.emailAddresses, reason, createdAt: now },
      });
      await recordAudit(tx, { merchantId: delivery.merchantId, actor: `worker:${options.workerId}` }, "webhook.suspend", { type: "webhook", id: String(delivery.webhookId) });
    }
  });

  if (outcome.ok) logger.info({ ...context, status: outcome.statusCode, ms: outcome.durationMs }, "webhook delivered");
  else if (!givesUp) logger.warn({ ...context, status: outcome.statusCode, error: outcome.error, retryAt: retryAt.toISOString() }, "webhook delivery failed; will retry");
  else logger.warn({ ...context, status: outcome.statusCode, error: outcome.error, noticeAddresses: (JSON.parse(delivery.emailAddresses) as string[]).length }, "webhook suspended after 48 hours of failures; notice recorded");
}
