// Webhook delivery end to end, in-process: real database, a real HTTP
// receiver, the worker's own pass (VaultWorker.runOnce) driven by a clock
// the test moves forward, so 48 hours of retries take a second.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { addCustomer } from "@/lib/vault/add-customer";
import { addWebhook } from "@/lib/webhooks/add-webhook";
import { setWebhookStatus } from "@/lib/webhooks/set-webhook-status";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { getDelivery } from "@/lib/webhooks/list-deliveries";
import { recordEvents } from "@/lib/events/record-event";
import { ManualClock } from "@/lib/webhooks/delivery/clock";
import { fanOutEvents } from "@/lib/webhooks/delivery/fan-out-events";
import { RETRY_BASE_MS, RETRY_CAP_MS } from "@/lib/webhooks/delivery/backoff";
import type { AddWebhookInput } from "@/lib/webhooks/schemas";
import type { Actor } from "@/lib/audit/record-audit";
import { VaultWorker } from "@/worker/vault-worker";
import { futureExpiry, newMerchant, uniqueCustomerId, uniqueVisa } from "../support/fixtures";
import { loadReadmeFunction } from "../support/readme-snippet";
import { receivedEventIds, startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

type Verify = (rawBody: string, headers: Record<string, unknown>, secret: string, maxAgeSeconds?: number) => boolean;

const HOUR = 60 * 60 * 1000;
let receiver: WebhookReceiver;
let clock: ManualClock;
let worker: VaultWorker;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  clock = new ManualClock();
  worker = new VaultWorker({ clock, timeoutMs: 500, jobs: [] });
});

afterEach(async () => {
  // Deliveries left behind by a test must not reach the next one's worker.
  await getDb().$transaction((tx) => tx.webhook.updateMany({ data: { status: "DISABLED" } }));
  await receiver.close();
});

async function merchantWithWebhook(input: Partial<AddWebhookInput> = {}) {
  const merchant = await newMerchant();
  const actor: Actor = { merchantId: BigInt(merchant.merchantId), actor: "test" };
  const webhook = await addWebhook(actor, {
    label: "shop",
    notification_url: receiver.url,
    events: ["vault_customer_updated", "vault_customer_created", "vault_card_created"],
    ...input,
  });
  return { merchant, actor, webhook };
}

/** Writes events as a vault change would; returns their event_ids in order. */
function writeEvents(actor: Actor, count: number, type: "vault_customer_updated" | "vault_card_deleted" = "vault_customer_updated") {
  const entries = Array.from({ length: count }, (_, i) => ({ type, data: { customer_id: `C${i}`, seq: i } }));
  return getDb().$transaction((tx) => recordEvents(tx, actor.merchantId, entries));
}

const deliveriesOf = (webhookId: number) => getDb().webhookDelivery.findMany({ where: { webhookId }, orderBy: { id: "asc" }, include: { event: true } });

describe("delivery", () => {
  it("sends validate_url, then each subscribed event, signed so the receiver can verify it with the README's code", async () => {
    const verify = await loadReadmeFunction<Verify>("verifyVaultWebhook");
    const { actor, webhook } = await merchantWithWebhook();
    const card = uniqueVisa();
    const customerId = uniqueCustomerId();
    await addCustomer(actor, {
      customer_id: customerId,
      customer_first_name: "Jane",
      billing_cards: [{ card_number: card, exp_date: futureExpiry(), cvv2: "123", billing_zip: "94402" }],
    });
    await writeEvents(actor, 1, "vault_card_deleted"); // not subscribed

    await worker.runOnce();

    expect(receiver.requests.map((r) => r.body.event)).toEqual(["validate_url", "vault_customer_created", "vault_card_created"]);
    for (const request of receiver.requests) {
      expect(request.path).toBe("/hooks/vault");
      expect(request.headers["content-type"]).toBe("application/json");
      expect(verify(request.rawBody, request.headers, webhook.secret!)).toBe(true);
      expect(verify(request.rawBody, request.headers, "not-the-secret")).toBe(false);
      expect(request.body.event_id).toMatch(/^[0-9a-f]{32}$/);
      expect(Number.isNaN(Date.parse(request.body.created))).toBe(false);
      // No full card number or CVV in any request.
      expect(request.rawBody).not.toContain(card);
      expect(request.rawBody).not.toContain('"123"');
    }
    expect(receiver.requests[0]!.body.data).toEqual({ webhook_id: webhook.webhook_id, label: "shop", notification_url: receiver.url });
    expect(receiver.requests[2]!.body.data).toMatchObject({ customer_id: customerId, card_number: `${card.slice(0, 6)}xxxxxx${card.slice(-4)}` });

    const rows = await deliveriesOf(webhook.webhook_id);
    expect(rows.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual([
      ["DELIVERED", 1, 200],
      ["DELIVERED", 1, 200],
      ["DELIVERED", 1, 200],
    ]);
    // A second pass sends nothing again.
    await worker.runOnce();
    expect(receiver.requests).toHaveLength(3);
  });

  it("sends Basic auth when the webhook asks for it, and only its own merchant's events", async () => {
    const { actor } = await merchantWithWebhook({ auth_type: "BASIC", auth_settings: { user_name: "vault", user_password: "pa55word" } });
    const other = await merchantWithWebhook({ notification_url: `${receiver.url}?other` });
    await writeEvents(actor, 2);
    await worker.runOnce();
    const ours = receiver.requests.filter((r) => r.path === "/hooks/vault");
    expect(ours.map((r) => r.body.event)).toEqual(["validate_url", "vault_customer_updated", "vault_customer_updated"]);
    for (const r of ours) expect(r.headers.authorization).toBe(`Basic ${Buffer.from("vault:pa55word").toString("base64")}`);
    const theirs = receiver.requests.filter((r) => r.path.endsWith("?other"));
    expect(theirs.map((r) => r.body.event)).toEqual(["validate_url"]);
    expect(theirs[0]!.headers.authorization).toBeUndefined();
    expect(other.webhook.webhook_id).not.toBe(ours[0]!.body.data.webhook_id);
  });

  it("retries a receiver that answers 500 or hangs, with growing waits, and records its success once", async () => {
    const { actor, merchant, webhook } = await merchantWithWebhook();
    await worker.runOnce(); // validate_url
    const [eventId] = await writeEvents(actor, 1);
    const plan: ("hang" | number)[] = [500, "hang", 503, 200];
    receiver.answer = () => plan.shift() ?? 200;

    // Each pass moves the clock to the delivery's next attempt, noting the wait.
    const waits: number[] = [];
    for (let pass = 0; pass < 10; pass++) {
      await worker.runOnce();
      const row = (await deliveriesOf(webhook.webhook_id)).find((d) => d.event.eventId === eventId)!;
      if (row.status !== "PENDING") break;
      const wait = row.nextAttemptAt.getTime() - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait);
    }
    // Exponential backoff with jitter: the nth wait is within the upper half of 5 s * 2^(n-1).
    expect(waits).toHaveLength(3);
    waits.forEach((wait, i) => {
      const step = RETRY_BASE_MS * 2 ** i;
      expect(wait).toBeGreaterThan(step / 2 - 1000); // less the time the pass itself took
      expect(wait).toBeLessThanOrEqual(step);
    });
    const forEvent = receiver.requests.filter((r) => r.body.event_id === eventId);
    expect(forEvent).toHaveLength(4);
    // Every retry carries the same bytes (and so the same body signature).
    expect(new Set(forEvent.map((r) => r.rawBody)).size).toBe(1);
    const row = (await deliveriesOf(webhook.webhook_id)).find((d) => d.event.eventId === eventId)!;
    expect(row).toMatchObject({ status: "DELIVERED", attempts: 4, lastStatusCode: 200 });
    // The attempts are browsable, each with its answer.
    const detail = await getDelivery(BigInt(merchant.merchantId), webhook.webhook_id, row.id);
    expect(detail.attempt_log.map((a) => a.response_code)).toEqual([500, null, 503, 200]);
    expect(detail.attempt_log[1]!.error).toMatch(/no answer within 500 ms/);
    await worker.runOnce();
    expect(receiver.requests.filter((r) => r.body.event_id === eventId)).toHaveLength(4);
  });

  it("delivers one endpoint's events in the order they were written, a failing one holding those behind it", async () => {
    const { actor } = await merchantWithWebhook();
    await worker.runOnce();
    const ids = await writeEvents(actor, 6);
    let failed = 0;
    receiver.answer = (request) => (request.body.event_id === ids[2] && failed++ < 2 ? 500 : 200);
    for (let pass = 0; pass < 10; pass++) {
      await worker.runOnce();
      clock.advance(60_000);
    }
    const received = receivedEventIds(receiver.requests).filter((id) => ids.includes(id));
    // ids[3..] never arrive before ids[2] succeeded.
    expect(received).toEqual([ids[0], ids[1], ids[2], ids[2], ids[2], ids[3], ids[4], ids[5]]);
  });

  it("after 48 hours of failures suspends the webhook, records who to tell, holds later events, and resumes them on enable", async () => {
    const { actor, webhook } = await merchantWithWebhook({ email_address: ["ops@shop.example", "cto@shop.example"] });
    await worker.runOnce();
    receiver.answer = () => 500;
    const [first] = await writeEvents(actor, 1);
    await worker.runOnce();
    for (let hours = 0; hours < 50; hours++) {
      clock.advance(RETRY_CAP_MS);
      await worker.runOnce();
    }
    const hook = await getDb().webhook.findUniqueOrThrow({ where: { id: webhook.webhook_id } });
    expect(hook.status).toBe("SUSPENDED");
    const failedDelivery = (await deliveriesOf(webhook.webhook_id)).find((d) => d.event.eventId === first)!;
    expect(failedDelivery.status).toBe("FAILED");
    expect(failedDelivery.attempts).toBeGreaterThan(45);
    const notices = await getDb().webhookSuspension.findMany({ where: { webhookId: webhook.webhook_id } });
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0]!.emailAddresses)).toEqual(["ops@shop.example", "cto@shop.example"]);
    const audit = await getDb().auditLog.findMany({ where: { merchantId: actor.merchantId, action: "webhook.suspend" } });
    expect(audit).toHaveLength(1);

    // Suspended: a new event is not sent, and no new delivery is even queued for it.
    receiver.answer = () => 200;
    const sentBefore = receiver.requests.length;
    const [whileSuspended] = await writeEvents(actor, 1);
    clock.advance(HOUR);
    await worker.runOnce();
    expect(receiver.requests.length).toBe(sentBefore);
    expect((await deliveriesOf(webhook.webhook_id)).some((d) => d.event.eventId === whileSuspended)).toBe(false);

    // Queued, then disabled before it went out: held, and sent on enable.
    await setWebhookStatus(actor, webhook.webhook_id, "ACTIVE");
    const [held] = await writeEvents(actor, 1);
    await fanOutEvents(clock);
    await setWebhookStatus(actor, webhook.webhook_id, "DISABLED");
    await worker.runOnce();
    expect(receiver.requests.length).toBe(sentBefore);
    await setWebhookStatus(actor, webhook.webhook_id, "ACTIVE");
    await worker.runOnce();
    expect(receivedEventIds(receiver.requests.slice(sentBefore))).toEqual([held]);
  });

  it("signs with both secrets for a day after a rotation, new first, then with the new one only", async () => {
    const verify = await loadReadmeFunction<Verify>("verifyVaultWebhook");
    const { actor, webhook } = await merchantWithWebhook();
    await worker.runOnce();
    const rotated = await rotateWebhookSecret(actor, webhook.webhook_id);
    await writeEvents(actor, 1);
    await worker.runOnce();
    const during = receiver.requests.at(-1)!;
    expect(String(during.headers["x-qualpay-webhook-signature"]).split(",")).toHaveLength(2);
    expect(verify(during.rawBody, during.headers, rotated.secret!)).toBe(true);
    expect(verify(during.rawBody, during.headers, webhook.secret!)).toBe(true);

    clock.advance(25 * HOUR);
    await writeEvents(actor, 1);
    await worker.runOnce();
    const after = receiver.requests.at(-1)!;
    expect(String(after.headers["x-qualpay-webhook-signature"]).split(",")).toHaveLength(1);
    // The clock moved a day; the snippet checks freshness against real time, so allow that.
    expect(verify(after.rawBody, after.headers, rotated.secret!, 26 * 3600)).toBe(true);
    expect(verify(after.rawBody, after.headers, webhook.secret!, 26 * 3600)).toBe(false);
  });
});
